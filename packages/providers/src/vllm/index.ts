export { vllmAdapter, vllmProfile } from './vllm-adapter.js';
