export { demoAdapter, demoProfile } from './demo-adapter.js';
