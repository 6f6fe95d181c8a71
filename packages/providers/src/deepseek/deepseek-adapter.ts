import {
  chatParameters,
  coreChatParameters,
  createOpenAiCompatibleAdapter,
  openAiCapabilities,
  type OpenAiCompatibleProfile,
} from '../openai-compatible/index.js';

/**
 * DeepSeek (reference §4.3, api-docs.deepseek.com "Create Chat Completion"):
 * - reasoning arrives in `message.reasoning_content` / `delta.reasoning_content` (fixture);
 * - reasoner models ignore `temperature`, `top_p`, `presence_penalty`, `frequency_penalty` and
 *   refuse `logprobs`/`top_logprobs`: all six are gated for them, since "ignored" would be a silent
 *   change of the caller's request;
 * - `seed` is unsupported (vercel's adapter); `n`, `user`, `logit_bias`, `parallel_tool_calls` are
 *   not in DeepSeek's parameter list ⚠ (not in the reference); only `max_tokens` exists;
 * - usage: `prompt_cache_hit_tokens` + `prompt_cache_miss_tokens` = `prompt_tokens`; in streams it
 *   rides on the finish chunk when `include_usage` is set (fixture);
 * - replayed `reasoning_content` is forwarded: R1-style models refuse it (400) but V3.2 tool loops
 *   and V4 require it; the caller knows which model it talks to (reference: per-model flag);
 * - `: keep-alive` comments and leading blank lines under load are handled by the SSE parser and
 *   JSON parsing.
 */
export const deepSeekProfile: OpenAiCompatibleProfile = {
  id: 'deepseek',
  displayName: 'DeepSeek',
  defaultBaseUrl: 'https://api.deepseek.com',
  capabilities: {
    ...openAiCapabilities,
    parallelToolCalls: false,
    jsonSchema: false,
    vision: false,
    imageUrls: false,
    documents: false,
    embeddings: false,
    completions: false,
    n: false,
    seed: false,
    reasoningEffort: false,
  },
  auth: 'bearer',
  chatParameters: chatParameters(coreChatParameters, {
    remove: ['n', 'user', 'logit_bias', 'max_completion_tokens'],
  }),
  renamedParameters: { max_completion_tokens: 'max_tokens' },
  modelRules: [
    {
      models: /reasoner|(^|[-/])r1/i,
      unsupported: [
        'temperature',
        'top_p',
        'presence_penalty',
        'frequency_penalty',
        'logprobs',
        'top_logprobs',
      ],
      hint: 'DeepSeek reasoning models ignore sampling settings and refuse logprobs',
    },
  ],
  messages: {
    developerRole: 'system',
    names: true,
    assistantReasoning: true,
    imageDetail: false,
    audioInput: false,
  },
  streamOptions: 'include-usage',
  streamTerminator: 'done',
  usage: { cacheReadFromPromptCacheHit: true },
  reasoningFields: ['reasoning_content'],
};

export const deepSeekAdapter = createOpenAiCompatibleAdapter(deepSeekProfile);
