import type { UpstreamTarget } from '../../spec/adapter.js';
import {
  coreChatParameters,
  openAiCapabilities,
  openAiEmbeddingsParameters,
} from '../openai-compatible-parameters.js';
import type { OpenAiCompatibleProfile } from '../openai-compatible-profile.js';

/** A neutral profile for testing the shared converters; tests override what they exercise. */
export function testProfile(
  overrides: Partial<OpenAiCompatibleProfile> = {},
): OpenAiCompatibleProfile {
  return {
    id: 'acme',
    displayName: 'Acme',
    defaultBaseUrl: 'https://api.acme.test/v1',
    capabilities: openAiCapabilities,
    auth: 'bearer',
    chatParameters: coreChatParameters,
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
    completions: { unsupportedParameters: new Set(['suffix']), stringPromptOnly: false },
    ...overrides,
  };
}

export const testTarget: UpstreamTarget = {
  provider: 'acme',
  baseUrl: 'https://api.acme.test/v1',
  apiKey: 'key-1',
  model: 'acme-large',
};

export const rejectOptions = {
  unsupported: 'reject',
  now: new Date('2026-01-01T00:00:00Z'),
} as const;
export const dropOptions = { unsupported: 'drop', now: new Date('2026-01-01T00:00:00Z') } as const;
