import {
  chatParameters,
  coreChatParameters,
  createOpenAiCompatibleAdapter,
  openAiCapabilities,
  type OpenAiCompatibleProfile,
} from '../openai-compatible/index.js';

/**
 * Qwen through DashScope's OpenAI-compatible mode (reference §4.8, help.aliyun.com
 * "OpenAI compatibility"). International base URL by default; mainland-China accounts set
 * `https://dashscope.aliyuncs.com/compatible-mode/v1` on the target.
 * - hybrid thinking via top-level `enable_thinking` and `thinking_budget`, forwarded as is;
 *   reasoning comes back in `reasoning_content`;
 * - `frequency_penalty` is unsupported (vercel's adapter flags it);
 * - `tool_choice: "required"` is reportedly downgraded to `auto` ⚠ — gated rather than let it
 *   change meaning silently;
 * - `logit_bias` and `user` are not in DashScope's list ⚠; `max_completion_tokens` is sent as
 *   `max_tokens` ⚠; some thinking-only models accept only streaming requests ⚠ (left to upstream).
 */
export const qwenProfile: OpenAiCompatibleProfile = {
  id: 'qwen',
  displayName: 'Qwen (DashScope)',
  defaultBaseUrl: 'https://dashscope-intl.aliyuncs.com/compatible-mode/v1',
  capabilities: {
    ...openAiCapabilities,
    documents: false,
    completions: false,
    reasoningEffort: false,
  },
  auth: 'bearer',
  chatParameters: chatParameters(coreChatParameters, {
    remove: ['frequency_penalty', 'logit_bias', 'user', 'max_completion_tokens'],
    add: ['enable_thinking', 'thinking_budget'],
  }),
  renamedParameters: { max_completion_tokens: 'max_tokens' },
  valueRules: [
    {
      param: 'tool_choice',
      allowed: (value) => value !== 'required',
      hint: 'DashScope treats "required" as "auto"',
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
  reasoningFields: ['reasoning_content'],
  // text-embedding-v3/v4 in compatible mode ⚠ (not in the reference): text input only.
  embeddings: {
    parameters: new Set(['model', 'input', 'dimensions', 'encoding_format']),
    tokenInput: false,
  },
};

export const qwenAdapter = createOpenAiCompatibleAdapter(qwenProfile);
