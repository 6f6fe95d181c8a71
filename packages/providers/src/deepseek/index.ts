export { deepSeekAdapter, deepSeekProfile } from './deepseek-adapter.js';
