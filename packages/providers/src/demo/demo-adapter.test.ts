import { describe, expect, it } from 'vitest';
import { runOpenAiCompatibleContractSuite } from '../openai-compatible/__fixtures__/run-contract-suite.js';
import type { UpstreamTarget } from '../spec/adapter.js';
import { demoAdapter } from './demo-adapter.js';

const target: UpstreamTarget = {
  provider: 'demo',
  baseUrl: 'http://127.0.0.1:4010/v1',
  apiKey: 'demo',
  model: 'demo-chat',
};
const options = { unsupported: 'reject', now: new Date('2026-01-01T00:00:00Z') } as const;

runOpenAiCompatibleContractSuite(demoAdapter, target);

describe('demoAdapter', () => {
  it('speaks OpenAI to whatever address the target gives, and has none of its own', () => {
    const hello = { model: 'alias', messages: [{ role: 'user' as const, content: 'Hi' }] };
    expect(demoAdapter.id).toBe('demo');
    expect(demoAdapter.mapChatRequest(hello, target, options).http.url).toBe(
      'http://127.0.0.1:4010/v1/chat/completions',
    );
    expect(() => demoAdapter.mapChatRequest(hello, { ...target, baseUrl: '' }, options)).toThrow(
      expect.objectContaining({ code: 'target_misconfigured', status: 500, fault: 'gateway' }),
    );
  });
});
