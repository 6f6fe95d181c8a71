export {
  createOpenAiCompatibleAdapter,
  resolveOpenAiCompatibleBaseUrl,
} from './create-openai-compatible-adapter.js';
export type * from './openai-compatible-profile.js';
export {
  chatParameters,
  coreChatParameters,
  openAiCapabilities,
  openAiChatParameters,
  openAiEmbeddingsParameters,
} from './openai-compatible-parameters.js';
export { mapOpenAiCompatibleError, parseRetryAfter } from './openai-compatible-error.js';
export type { WireContentPart, WireErrorBody } from './openai-compatible-api.js';
