import { describe, expect, it } from 'vitest';
import { runOpenAiCompatibleContractSuite } from '../openai-compatible/__fixtures__/run-contract-suite.js';
import type { UpstreamTarget } from '../spec/adapter.js';
import { togetherAdapter } from './together-adapter.js';

const target: UpstreamTarget = {
  provider: 'together',
  baseUrl: 'https://api.together.xyz/v1',
  apiKey: 'tg-key',
  model: 'meta-llama/Llama-3.3-70B-Instruct-Turbo',
};
const options = { unsupported: 'drop', now: new Date('2026-01-01T00:00:00Z') } as const;
const hello = { model: 'alias', messages: [{ role: 'user' as const, content: 'Hi' }] };

runOpenAiCompatibleContractSuite(togetherAdapter, target);

describe('togetherAdapter', () => {
  it('forwards the sampling extras and gates logprobs (an integer at Together ⚠)', () => {
    const { http, dropped } = togetherAdapter.mapChatRequest(
      { ...hello, top_k: 40, repetition_penalty: 1.1, min_p: 0.05, logprobs: true },
      target,
      options,
    );
    expect(dropped).toEqual(['logprobs']);
    expect(JSON.parse(http.body ?? '')).toEqual({
      model: 'meta-llama/Llama-3.3-70B-Instruct-Turbo',
      messages: [{ role: 'user', content: 'Hi' }],
      top_k: 40,
      repetition_penalty: 1.1,
      min_p: 0.05,
    });
  });

  it('reads reasoning from the reasoning field', () => {
    const mapped = togetherAdapter.mapChatResponse(
      {
        id: 't',
        created: 1,
        model: 'deepseek-ai/DeepSeek-R1',
        choices: [
          {
            index: 0,
            finish_reason: 'stop',
            message: { role: 'assistant', content: '3', reasoning: 'Count.' },
          },
        ],
      },
      target,
    );
    expect(mapped.body.choices[0]?.message).toEqual({
      role: 'assistant',
      content: '3',
      reasoning_content: 'Count.',
    });
  });
});
