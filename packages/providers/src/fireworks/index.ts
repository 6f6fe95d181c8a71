export { fireworksAdapter, fireworksProfile } from './fireworks-adapter.js';
