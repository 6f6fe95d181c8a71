export { xaiAdapter, xaiProfile } from './xai-adapter.js';
