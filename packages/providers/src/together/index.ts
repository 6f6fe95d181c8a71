export { togetherAdapter, togetherProfile } from './together-adapter.js';
