export { openAiAdapter, openAiProfile } from './openai-adapter.js';
