export { qwenAdapter, qwenProfile } from './qwen-adapter.js';
