export { mistralAdapter, mistralProfile, toMistralToolCallId } from './mistral-adapter.js';
