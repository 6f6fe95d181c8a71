export * from './adapter.js';
export * from './chat-request.js';
export * from './chat-response.js';
export * from './usage.js';
export * from './parameter-gate.js';
export * from './read-plain-chat-request.js';
