import type {
  AdapterCapabilities,
  MappedRequest,
  MappedResponse,
  MapRequestOptions,
  ProviderAdapter,
  StreamConverter,
  StreamOptions,
  UpstreamTarget,
} from '../spec/adapter.js';
import type { ChatCompletionRequest } from '../spec/chat-request.js';
import type { ChatCompletionResponse } from '../spec/chat-response.js';
import { anthropicMessageSchema } from './anthropic-api.js';
import { anthropicInvalidResponseError, mapAnthropicError } from './anthropic-error.js';
import { convertAnthropicResponse } from './convert-anthropic-response.js';
import { AnthropicStreamConverter } from './convert-anthropic-stream.js';
import { convertToAnthropicRequest } from './convert-to-anthropic-request.js';

/** The only stable API version (reference §2.1). */
export const ANTHROPIC_VERSION = '2023-06-01';

/** What the Messages API can do, as data for routing and the conformance matrix. */
export const anthropicCapabilities: AdapterCapabilities = {
  chat: true,
  streaming: true,
  tools: true,
  parallelToolCalls: true,
  jsonObject: false,
  jsonSchema: true,
  vision: true,
  imageUrls: true,
  documents: true,
  embeddings: false,
  completions: false,
  logprobs: false,
  n: false,
  seed: false,
  reasoningEffort: true,
};

/**
 * Anthropic Messages API as an upstream (`POST {baseUrl}/v1/messages`, §2.1). Target options:
 * `maxOutputTokens` (the model's output limit, used when the caller sets none) and
 * `thinkingMode: adaptive` (models that take `thinking: {type: adaptive}` + effort).
 */
export const anthropicAdapter: ProviderAdapter = {
  id: 'anthropic',
  displayName: 'Anthropic',
  capabilities: anthropicCapabilities,
  acceptsTraceContext: true,

  mapChatRequest(
    request: ChatCompletionRequest,
    target: UpstreamTarget,
    options: MapRequestOptions,
  ): MappedRequest {
    const { body, dropped } = convertToAnthropicRequest(request, target, options.unsupported);
    return {
      http: {
        method: 'POST',
        url: `${target.baseUrl}/v1/messages`,
        headers: {
          'x-api-key': target.apiKey,
          'anthropic-version': ANTHROPIC_VERSION,
          'content-type': 'application/json',
        },
        body: JSON.stringify(body),
      },
      dropped,
    };
  },

  mapChatResponse(body: unknown): MappedResponse<ChatCompletionResponse> {
    const parsed = anthropicMessageSchema.safeParse(body);
    if (!parsed.success)
      throw anthropicInvalidResponseError('not a Messages API message', parsed.error);
    // Anthropic sends no creation time; the contract gives this function no clock, so the
    // receive time stands in for it.
    const created = Math.floor(Date.now() / 1000);
    const converted = convertAnthropicResponse(parsed.data, created);
    return { body: converted.body, usage: converted.usage, servedModel: parsed.data.model };
  },

  createChatStreamConverter(target: UpstreamTarget, options: StreamOptions): StreamConverter {
    return new AnthropicStreamConverter(target, options);
  },

  mapError: mapAnthropicError,
};
