import {
  createOpenAiCompatibleAdapter,
  openAiCapabilities,
  openAiChatParameters,
  openAiEmbeddingsParameters,
  type OpenAiCompatibleProfile,
} from '../openai-compatible/index.js';

/**
 * The built-in demo provider: speaks OpenAI's wire format exactly, for local demos against the
 * testkit's mock provider or our own mock server. It has no default address — the target always
 * says where the mock listens — and sends a bearer key only when the target has one.
 */
export const demoProfile: OpenAiCompatibleProfile = {
  id: 'demo',
  displayName: 'Demo provider',
  capabilities: openAiCapabilities,
  auth: 'optional-bearer',
  chatParameters: openAiChatParameters,
  messages: {
    developerRole: 'developer',
    names: true,
    assistantReasoning: true,
    imageDetail: true,
    audioInput: true,
  },
  streamOptions: 'include-usage',
  streamTerminator: 'done',
  usage: {},
  reasoningFields: ['reasoning_content', 'reasoning'],
  embeddings: { parameters: openAiEmbeddingsParameters, tokenInput: true },
  completions: { unsupportedParameters: new Set(), stringPromptOnly: false },
};

export const demoAdapter = createOpenAiCompatibleAdapter(demoProfile);
