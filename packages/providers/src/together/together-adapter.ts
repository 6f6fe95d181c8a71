import {
  chatParameters,
  coreChatParameters,
  createOpenAiCompatibleAdapter,
  openAiCapabilities,
  type OpenAiCompatibleProfile,
} from '../openai-compatible/index.js';

/**
 * Together AI (reference §4.5, docs.together.ai "OpenAI compatibility"). Model ids are
 * `org/model`. No rejections are documented in the sources read, so OpenAI's core set is
 * forwarded, plus the sampling extras `top_k`, `repetition_penalty`, `min_p`, `safety_model` ⚠.
 * - `logprobs` is an integer count in Together's own API, not OpenAI's boolean ⚠ — gated rather
 *   than risk a different meaning;
 * - reasoning output depends on the model ⚠: a `reasoning` field (read) or `<think>` tags inside
 *   the content (passed through as content — splitting text heuristically would alter it);
 * - usage in streams only with `include_usage`, which the gateway always sets.
 */
export const togetherProfile: OpenAiCompatibleProfile = {
  id: 'together',
  displayName: 'Together AI',
  defaultBaseUrl: 'https://api.together.xyz/v1',
  capabilities: {
    ...openAiCapabilities,
    documents: false,
    logprobs: false,
    reasoningEffort: false,
  },
  auth: 'bearer',
  chatParameters: chatParameters(coreChatParameters, {
    add: ['top_k', 'repetition_penalty', 'min_p', 'safety_model'],
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
  embeddings: { parameters: new Set(['model', 'input']), tokenInput: false },
  completions: { unsupportedParameters: new Set(), stringPromptOnly: false },
};

export const togetherAdapter = createOpenAiCompatibleAdapter(togetherProfile);
