export { openRouterAdapter, openRouterProfile } from './openrouter-adapter.js';
