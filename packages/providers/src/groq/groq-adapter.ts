import {
  chatParameters,
  coreChatParameters,
  createOpenAiCompatibleAdapter,
  openAiCapabilities,
  type OpenAiCompatibleProfile,
} from '../openai-compatible/index.js';

/**
 * Groq (reference §4.4, console.groq.com/docs/openai "Unsupported features"):
 * - 400 for `logprobs`, `logit_bias`, `top_logprobs`, `messages[].name` and `n ≠ 1` — gated here
 *   so the caller gets our 400 (or a recorded drop) instead of a provider error;
 * - `temperature: 0` is turned into 1e-8 upstream: same behaviour, so nothing to surface;
 * - reasoning models take `reasoning_format` and `reasoning_effort`; parsed reasoning comes back
 *   in `reasoning`;
 * - the final stream chunk carries `usage` and a legacy duplicate in `x_groq.usage` (fixture);
 *   both are read, `usage` first.
 */
export const groqProfile: OpenAiCompatibleProfile = {
  id: 'groq',
  displayName: 'Groq',
  defaultBaseUrl: 'https://api.groq.com/openai/v1',
  capabilities: {
    ...openAiCapabilities,
    documents: false,
    embeddings: false,
    completions: false,
    logprobs: false,
    n: false,
  },
  auth: 'bearer',
  chatParameters: chatParameters(coreChatParameters, {
    remove: ['logit_bias'],
    add: ['reasoning_effort', 'reasoning_format'],
  }),
  messages: {
    developerRole: 'system',
    names: false,
    assistantReasoning: false,
    imageDetail: true,
    audioInput: false,
  },
  streamOptions: 'include-usage',
  streamTerminator: 'done',
  usage: { paths: [['usage'], ['x_groq', 'usage']] },
  reasoningFields: ['reasoning'],
};

export const groqAdapter = createOpenAiCompatibleAdapter(groqProfile);
