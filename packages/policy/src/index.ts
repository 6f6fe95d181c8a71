export * from './routing-policy-schema.js';
export * from './snapshot-schema.js';
export * from './sealed-secret.js';
export * from './api-key-hash.js';
export * from './snapshot-channel.js';
