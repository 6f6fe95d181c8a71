import {
  chatParameters,
  coreChatParameters,
  createOpenAiCompatibleAdapter,
  openAiCapabilities,
  type OpenAiCompatibleProfile,
} from '../openai-compatible/index.js';

/**
 * xAI Grok (reference §4.7, docs.x.ai "Reasoning"):
 * - reasoning models refuse `presence_penalty`, `frequency_penalty` and `stop`. Which ids reason
 *   is ⚠ from memory: `grok-3-mini*`, `grok-4*` and `grok-code*`, except `*-non-reasoning`;
 * - `reasoning_effort` is refused by models without it: only `grok-3-mini` at the docs' time, and
 *   `grok-4.3` per vercel's 2026 changelog ⚠;
 * - only `grok-3-mini` returns `reasoning_content`;
 * - usage: `completion_tokens` exclude reasoning (fixture: 560 = 307 + 26 + 227), so output is
 *   completion + reasoning; the `choices: []` usage chunk is sent even unasked (fixture).
 */
export const xaiProfile: OpenAiCompatibleProfile = {
  id: 'xai',
  displayName: 'xAI',
  defaultBaseUrl: 'https://api.x.ai/v1',
  capabilities: { ...openAiCapabilities, documents: false, embeddings: false, completions: false },
  auth: 'bearer',
  chatParameters: chatParameters(coreChatParameters, { add: ['reasoning_effort'] }),
  modelRules: [
    {
      models: /^grok-(3-mini|4|code)(?!.*non-reasoning)/,
      unsupported: ['presence_penalty', 'frequency_penalty', 'stop'],
      hint: 'xAI reasoning models refuse it',
    },
    {
      models: /^(?!grok-3-mini|grok-4\.3)/,
      unsupported: ['reasoning_effort'],
      hint: 'only grok-3-mini and grok-4.3 take reasoning_effort',
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
  usage: { completionExcludesReasoning: true },
  reasoningFields: ['reasoning_content'],
};

export const xaiAdapter = createOpenAiCompatibleAdapter(xaiProfile);
