export {
  anthropicIngressRequestSchema,
  parseAnthropicIngressRequest,
  type AnthropicIngressRequest,
  type AnthropicOutputEvent,
  type AnthropicOutputMessage,
  type AnthropicErrorBody,
} from './anthropic-ingress-api.js';
export { convertAnthropicRequestToCanonical } from './convert-anthropic-request-to-canonical.js';
export { convertCanonicalResponseToAnthropic } from './convert-canonical-response-to-anthropic.js';
export {
  CanonicalStreamToAnthropic,
  formatAnthropicSseEvent,
  type CanonicalStreamToAnthropicOptions,
} from './convert-canonical-stream-to-anthropic.js';
export { formatAnthropicError, type AnthropicErrorResponse } from './format-anthropic-error.js';
