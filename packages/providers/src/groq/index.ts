export { groqAdapter, groqProfile } from './groq-adapter.js';
