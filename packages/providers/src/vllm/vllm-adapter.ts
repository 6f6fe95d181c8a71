import {
  chatParameters,
  coreChatParameters,
  createOpenAiCompatibleAdapter,
  openAiCapabilities,
  type OpenAiCompatibleProfile,
} from '../openai-compatible/index.js';

/**
 * vLLM's OpenAI-compatible server (reference §4.12, docs.vllm.ai "OpenAI-Compatible Server").
 * Self-hosted: the target always gives the address (`http://host:8000/v1`); the key is optional
 * (`--api-key`).
 * - `parallel_tool_calls` and `user` are ignored, `image_url.detail` and completions `suffix` are
 *   unsupported — all gated so nothing is lost silently;
 * - validation is strict (misspelled fields → 400 `extra_forbidden` ⚠), hence the allow-list;
 *   the documented extras are forwarded: `top_k`, `min_p`, `repetition_penalty`,
 *   `guided_json`/`guided_choice`/`guided_regex`, `structured_outputs` ⚠, `chat_template_kwargs`;
 * - tool calling and reasoning depend on server flags ⚠; reasoning is `reasoning_content`, or
 *   `reasoning` on newer versions ⚠ — both are read.
 */
export const vllmProfile: OpenAiCompatibleProfile = {
  id: 'vllm',
  displayName: 'vLLM',
  capabilities: {
    ...openAiCapabilities,
    parallelToolCalls: false,
    documents: false,
    reasoningEffort: false,
  },
  auth: 'optional-bearer',
  chatParameters: chatParameters(coreChatParameters, {
    remove: ['user'],
    add: [
      'top_k',
      'min_p',
      'repetition_penalty',
      'guided_json',
      'guided_choice',
      'guided_regex',
      'structured_outputs',
      'chat_template_kwargs',
    ],
  }),
  messages: {
    developerRole: 'system',
    names: true,
    assistantReasoning: false,
    imageDetail: false,
    audioInput: false,
  },
  streamOptions: 'include-usage',
  streamTerminator: 'done',
  usage: {},
  reasoningFields: ['reasoning_content', 'reasoning'],
  embeddings: {
    parameters: new Set(['model', 'input', 'encoding_format', 'dimensions']),
    tokenInput: true,
  },
  completions: { unsupportedParameters: new Set(['suffix', 'user']), stringPromptOnly: false },
};

export const vllmAdapter = createOpenAiCompatibleAdapter(vllmProfile);
