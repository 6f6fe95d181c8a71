export * from './spec/index.js';
export * from './sse/parse-sse.js';
export * from './registry.js';
export * from './anthropic-messages-ingress/index.js';
