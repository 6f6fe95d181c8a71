import type { UpstreamTarget } from '../spec/adapter.js';
import {
  chatParameters,
  coreChatParameters,
  createOpenAiCompatibleAdapter,
  openAiCapabilities,
  type OpenAiCompatibleProfile,
} from '../openai-compatible/index.js';

/** Optional app attribution headers (`options.appUrl`, `options.appName`). */
function openRouterHeaders(target: UpstreamTarget): Record<string, string> {
  return {
    ...(target.options?.['appUrl'] ? { 'http-referer': target.options['appUrl'] } : {}),
    ...(target.options?.['appName'] ? { 'x-title': target.options['appName'] } : {}),
  };
}

/**
 * OpenRouter — not covered by the reference; everything here is ⚠ from openrouter.ai/docs
 * ("API Reference", "Streaming", "Errors"):
 * - OpenAI's core parameters plus routing/sampling extras (`provider`, `models`, `route`,
 *   `transforms`, `plugins`, `reasoning`, `usage`, `top_k`, `min_p`, `top_a`,
 *   `repetition_penalty`); OpenRouter ignores parameters the routed provider lacks unless the
 *   caller sets `provider.require_parameters: true` — the gateway does not add it, since it also
 *   narrows routing;
 * - reasoning comes back in `reasoning`;
 * - a failure after the 200 arrives as a chunk with `error` and/or `finish_reason: "error"`;
 * - errors are `{error:{code:<HTTP status number>, message, metadata}}`; 402 = out of credits;
 * - `: OPENROUTER PROCESSING` SSE comments are skipped by the parser;
 * - `/completions` exists, `/embeddings` is not offered.
 */
export const openRouterProfile: OpenAiCompatibleProfile = {
  id: 'openrouter',
  displayName: 'OpenRouter',
  defaultBaseUrl: 'https://openrouter.ai/api/v1',
  capabilities: { ...openAiCapabilities, documents: false, embeddings: false },
  auth: 'bearer',
  extraHeaders: openRouterHeaders,
  chatParameters: chatParameters(coreChatParameters, {
    add: [
      'reasoning_effort',
      'reasoning',
      'provider',
      'models',
      'route',
      'transforms',
      'plugins',
      'usage',
      'top_k',
      'min_p',
      'top_a',
      'repetition_penalty',
    ],
  }),
  messages: {
    developerRole: 'system',
    names: true,
    assistantReasoning: false,
    imageDetail: true,
    audioInput: false,
  },
  streamOptions: 'include-usage',
  streamTerminator: 'done',
  usage: {},
  reasoningFields: ['reasoning', 'reasoning_content'],
  finishReasons: { error: 'error' },
  completions: { unsupportedParameters: new Set(), stringPromptOnly: false },
};

export const openRouterAdapter = createOpenAiCompatibleAdapter(openRouterProfile);
