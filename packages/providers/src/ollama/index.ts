export { ollamaAdapter, ollamaProfile } from './ollama-adapter.js';
