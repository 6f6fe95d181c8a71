import {
  createOpenAiCompatibleAdapter,
  openAiCapabilities,
  openAiChatParameters,
  openAiEmbeddingsParameters,
  type OpenAiCompatibleProfile,
} from '../openai-compatible/index.js';

/**
 * OpenAI itself: the canonical format, so nothing is translated. Model-specific refusals
 * (o-series rejecting `max_tokens`, non-default `temperature` ⚠, `stop` on o3/o4-mini) are left
 * to OpenAI: it answers them with a 400 naming the parameter, which is honest, not silent.
 * https://platform.openai.com/docs/api-reference/chat/create (reference §1)
 */
export const openAiProfile: OpenAiCompatibleProfile = {
  id: 'openai',
  displayName: 'OpenAI',
  defaultBaseUrl: 'https://api.openai.com/v1',
  capabilities: openAiCapabilities,
  auth: 'bearer',
  // Optional `OpenAI-Organization` / `OpenAI-Project` headers (reference §1.1).
  extraHeaders: (target) => ({
    ...(target.options?.['organization']
      ? { 'openai-organization': target.options['organization'] }
      : {}),
    ...(target.options?.['project'] ? { 'openai-project': target.options['project'] } : {}),
  }),
  chatParameters: openAiChatParameters,
  messages: {
    developerRole: 'developer',
    names: true,
    // OpenAI refuses unknown message properties ("Additional properties are not allowed").
    assistantReasoning: false,
    imageDetail: true,
    audioInput: true,
  },
  streamOptions: 'include-usage',
  streamTerminator: 'done',
  usage: {},
  nativeChatResponse: true,
  reasoningFields: [],
  embeddings: { parameters: openAiEmbeddingsParameters, tokenInput: true },
  completions: { unsupportedParameters: new Set(), stringPromptOnly: false },
};

export const openAiAdapter = createOpenAiCompatibleAdapter(openAiProfile);
