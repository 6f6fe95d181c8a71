import { describe, expect, it } from 'vitest';
import { frameSse, thrownBy } from '../openai-compatible/__fixtures__/replay-sse.js';
import { runOpenAiCompatibleContractSuite } from '../openai-compatible/__fixtures__/run-contract-suite.js';
import type { UpstreamTarget } from '../spec/adapter.js';
import { openRouterAdapter } from './openrouter-adapter.js';

const target: UpstreamTarget = {
  provider: 'openrouter',
  baseUrl: 'https://openrouter.ai/api/v1',
  apiKey: 'or-key',
  model: 'anthropic/claude-sonnet-4.5',
  options: { appUrl: 'https://switchyard.example', appName: 'Switchyard' },
};
const options = { unsupported: 'reject', now: new Date('2026-01-01T00:00:00Z') } as const;

runOpenAiCompatibleContractSuite(openRouterAdapter, target);

describe('openRouterAdapter', () => {
  it('sends attribution headers and routing extras', () => {
    const { http } = openRouterAdapter.mapChatRequest(
      {
        model: 'alias',
        messages: [{ role: 'user', content: 'Hi' }],
        provider: { order: ['anthropic'] },
      },
      target,
      options,
    );
    expect(http.headers).toEqual({
      'content-type': 'application/json',
      authorization: 'Bearer or-key',
      'http-referer': 'https://switchyard.example',
      'x-title': 'Switchyard',
    });
    expect(JSON.parse(http.body ?? '')).toMatchObject({ provider: { order: ['anthropic'] } });
  });

  it('turns a mid-stream error chunk into an upstream error, after the chunks before it', () => {
    const converter = openRouterAdapter.createChatStreamConverter(target, {
      responseId: 'r',
      created: 1,
    });
    const chunks = converter.push(
      new TextEncoder().encode(
        ': OPENROUTER PROCESSING\n\n' +
          new TextDecoder().decode(
            frameSse(
              [
                '{"id":"gen-1","created":1,"model":"m","choices":[{"index":0,"delta":{"content":"Par"},"finish_reason":null}]}',
                '{"id":"gen-1","created":1,"model":"m","error":{"code":502,"message":"Provider disconnected"},"choices":[{"index":0,"delta":{"content":""},"finish_reason":"error"}]}',
              ],
              { done: false },
            ),
          ),
      ),
    );
    expect(chunks.map((chunk) => chunk.choices[0]?.delta.content)).toEqual(['Par']);
    expect(thrownBy(() => converter.finish())).toMatchObject({
      code: 'upstream_server_error',
      status: 502,
      message: 'OpenRouter: Provider disconnected',
    });
  });

  it('maps 402 (out of credits) to quota exceeded so failover can move on', () => {
    expect(
      openRouterAdapter.mapError(
        402,
        {},
        '{"error":{"code":402,"message":"Insufficient credits"}}',
      ),
    ).toMatchObject({
      code: 'upstream_quota_exceeded',
      status: 502,
      retryable: true,
      providerCode: '402',
    });
  });
});
