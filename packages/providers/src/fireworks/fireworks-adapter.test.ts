import { describe, expect, it } from 'vitest';
import { runOpenAiCompatibleContractSuite } from '../openai-compatible/__fixtures__/run-contract-suite.js';
import type { UpstreamTarget } from '../spec/adapter.js';
import { fireworksAdapter } from './fireworks-adapter.js';

const target: UpstreamTarget = {
  provider: 'fireworks',
  baseUrl: 'https://api.fireworks.ai/inference/v1',
  apiKey: 'fw-key',
  model: 'accounts/fireworks/models/llama-v3p3-70b-instruct',
};
const options = { unsupported: 'reject', now: new Date('2026-01-01T00:00:00Z') } as const;
const hello = { model: 'alias', messages: [{ role: 'user' as const, content: 'Hi' }] };

runOpenAiCompatibleContractSuite(fireworksAdapter, target);

describe('fireworksAdapter', () => {
  it('asks for an error instead of a silently shrunk max_tokens', () => {
    const { http } = fireworksAdapter.mapChatRequest(
      { ...hello, max_tokens: 4000 },
      target,
      options,
    );
    expect(http.url).toBe('https://api.fireworks.ai/inference/v1/chat/completions');
    expect(JSON.parse(http.body ?? '')).toEqual({
      model: 'accounts/fireworks/models/llama-v3p3-70b-instruct',
      messages: [{ role: 'user', content: 'Hi' }],
      max_tokens: 4000,
      context_length_exceeded_behavior: 'error',
    });
  });

  it('lets the caller choose the context behaviour explicitly', () => {
    const { http } = fireworksAdapter.mapChatRequest(
      { ...hello, context_length_exceeded_behavior: 'truncate' },
      target,
      options,
    );
    expect(JSON.parse(http.body ?? '')).toMatchObject({
      context_length_exceeded_behavior: 'truncate',
    });
  });
});
