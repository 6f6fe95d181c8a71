import {
  chatParameters,
  coreChatParameters,
  createOpenAiCompatibleAdapter,
  openAiCapabilities,
  type OpenAiCompatibleProfile,
} from '../openai-compatible/index.js';

/**
 * Fireworks AI (reference §4.6, fireworks.ai docs "OpenAI compatibility"). Model ids are
 * `accounts/fireworks/models/<name>`.
 * - when prompt + `max_tokens` exceed the context window, Fireworks silently lowers `max_tokens`
 *   unless `context_length_exceeded_behavior: "error"` is sent — the gateway sends it so the
 *   caller's limit is never clamped behind its back (a caller may still set it explicitly);
 * - streams always end with a usage chunk; `include_usage` is set anyway;
 * - reasoning in `reasoning_content`, replayed history accepted ⚠;
 * - extras `top_k`, `min_p`, `repetition_penalty` ⚠; `response_format: {type:"grammar"}` ⚠ is
 *   outside the canonical schema and never reaches this adapter.
 */
export const fireworksProfile: OpenAiCompatibleProfile = {
  id: 'fireworks',
  displayName: 'Fireworks AI',
  defaultBaseUrl: 'https://api.fireworks.ai/inference/v1',
  capabilities: { ...openAiCapabilities, documents: false },
  auth: 'bearer',
  chatParameters: chatParameters(coreChatParameters, {
    add: [
      'reasoning_effort',
      'top_k',
      'min_p',
      'repetition_penalty',
      'context_length_exceeded_behavior',
    ],
  }),
  addedBodyFields: { context_length_exceeded_behavior: 'error' },
  messages: {
    developerRole: 'system',
    names: true,
    assistantReasoning: true,
    imageDetail: true,
    audioInput: false,
  },
  streamOptions: 'include-usage',
  streamTerminator: 'done',
  usage: {},
  reasoningFields: ['reasoning_content'],
  embeddings: { parameters: new Set(['model', 'input', 'dimensions']), tokenInput: false },
  completions: { unsupportedParameters: new Set(), stringPromptOnly: false },
};

export const fireworksAdapter = createOpenAiCompatibleAdapter(fireworksProfile);
