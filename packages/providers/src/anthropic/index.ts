export { anthropicAdapter, anthropicCapabilities, ANTHROPIC_VERSION } from './anthropic-adapter.js';
export { mapAnthropicError } from './anthropic-error.js';
export { DEFAULT_MAX_TOKENS, thinkingBudgetShare } from './convert-to-anthropic-request.js';
