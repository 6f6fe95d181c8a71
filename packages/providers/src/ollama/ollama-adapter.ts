import {
  createOpenAiCompatibleAdapter,
  openAiCapabilities,
  type OpenAiCompatibleProfile,
} from '../openai-compatible/index.js';

const ollamaReasoningEfforts: ReadonlySet<unknown> = new Set([
  'high',
  'medium',
  'low',
  'max',
  'none',
]);

/**
 * Ollama's OpenAI compatibility layer (reference §4.11, ollama `docs/api/openai-compatibility.mdx`).
 * The key is ignored by Ollama, so it is sent only when the target has one (proxies may need it).
 * - the documented field list is the allow-list: `tool_choice`, `logit_bias`, `user`, `n` and
 *   logprobs are unsupported and gated; only `max_tokens` exists;
 * - images: base64 `data:` URLs only, links are refused by name;
 * - `reasoning_effort` takes `high|medium|low|max|none`; reasoning comes back in `reasoning`;
 * - `/embeddings` without token-array input; `/completions` with a string prompt only, without
 *   `best_of`/`echo`; context size cannot be set through this API (Modelfile `num_ctx`).
 */
export const ollamaProfile: OpenAiCompatibleProfile = {
  id: 'ollama',
  displayName: 'Ollama',
  defaultBaseUrl: 'http://localhost:11434/v1',
  capabilities: {
    ...openAiCapabilities,
    imageUrls: false,
    documents: false,
    parallelToolCalls: false,
    logprobs: false,
    n: false,
  },
  auth: 'optional-bearer',
  chatParameters: new Set([
    'model',
    'messages',
    'frequency_penalty',
    'presence_penalty',
    'response_format',
    'seed',
    'stop',
    'stream',
    'stream_options',
    'temperature',
    'top_p',
    'max_tokens',
    'tools',
    'reasoning_effort',
  ]),
  renamedParameters: { max_completion_tokens: 'max_tokens' },
  // Ollama picks tools itself ("auto"); clients such as the Vercel AI SDK always send it.
  neutralValues: { tool_choice: 'auto' },
  valueRules: [
    {
      param: 'reasoning_effort',
      allowed: (value) => ollamaReasoningEfforts.has(value),
      hint: 'Ollama accepts high, medium, low, max or none',
    },
  ],
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
  reasoningFields: ['reasoning'],
  embeddings: {
    parameters: new Set(['model', 'input', 'encoding_format', 'dimensions']),
    tokenInput: false,
  },
  completions: { unsupportedParameters: new Set(['best_of', 'echo']), stringPromptOnly: true },
};

export const ollamaAdapter = createOpenAiCompatibleAdapter(ollamaProfile);
