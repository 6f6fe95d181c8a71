import { describe, expect, it } from 'vitest';
import {
  chunkLines,
  feedInSlices,
  frameSse,
  joinDeltas,
  readText,
  thrownBy,
} from '../openai-compatible/__fixtures__/replay-sse.js';
import { runOpenAiCompatibleContractSuite } from '../openai-compatible/__fixtures__/run-contract-suite.js';
import type { UpstreamTarget } from '../spec/adapter.js';
import type { ChatCompletionRequest } from '../spec/chat-request.js';
import { xaiAdapter } from './xai-adapter.js';

const target: UpstreamTarget = {
  provider: 'xai',
  baseUrl: 'https://api.x.ai/v1',
  apiKey: 'xai-test',
  model: 'grok-3-mini',
};
const reject = { unsupported: 'reject', now: new Date('2026-01-01T00:00:00Z') } as const;
const drop = { ...reject, unsupported: 'drop' } as const;
const recordedChunks = chunkLines(
  readText(new URL('./__fixtures__/xai-tool-call.chunks.txt', import.meta.url)),
);
const withModel = (model: string): UpstreamTarget => ({ ...target, model });

// Capabilities are provider-wide (some model can); grok-3-mini has every one of them.
runOpenAiCompatibleContractSuite(xaiAdapter, target);

describe('xaiAdapter request', () => {
  const request: ChatCompletionRequest = {
    model: 'alias',
    messages: [{ role: 'user', content: 'Weather in SF?' }],
    presence_penalty: 0.5,
    stop: ['\n\n'],
    reasoning_effort: 'low',
  };

  it('forwards reasoning_effort to grok-3-mini but not the parameters reasoning models refuse', () => {
    expect(thrownBy(() => xaiAdapter.mapChatRequest(request, target, reject))).toMatchObject({
      param: 'presence_penalty',
    });
    const result = xaiAdapter.mapChatRequest(request, target, drop);
    expect(result.dropped).toEqual(['presence_penalty', 'stop']);
    expect(JSON.parse(result.http.body ?? '')).toEqual({
      model: 'grok-3-mini',
      messages: [{ role: 'user', content: 'Weather in SF?' }],
      reasoning_effort: 'low',
    });
  });

  it('refuses reasoning_effort on models without it, keeps penalties on non-reasoning models', () => {
    const nonReasoning = xaiAdapter.mapChatRequest(
      request,
      withModel('grok-4-1-fast-non-reasoning'),
      drop,
    );
    expect(nonReasoning.dropped).toEqual(['reasoning_effort']);
    expect(JSON.parse(nonReasoning.http.body ?? '')).toMatchObject({
      presence_penalty: 0.5,
      stop: ['\n\n'],
    });
    expect(xaiAdapter.mapChatRequest(request, withModel('grok-4-0709'), drop).dropped).toEqual([
      'presence_penalty',
      'stop',
      'reasoning_effort',
    ]);
    expect(xaiAdapter.mapChatRequest(request, withModel('grok-4.3'), drop).dropped).toEqual([
      'presence_penalty',
      'stop',
    ]);
  });
});

describe('xaiAdapter stream', () => {
  it('replays the recorded tool-call stream: reasoning, one whole call, usage with reasoning in output', () => {
    const converter = xaiAdapter.createChatStreamConverter(target, {
      responseId: 'unused',
      created: 0,
    });
    const chunks = feedInSlices(converter, frameSse(recordedChunks), 7);
    const envelope = {
      id: '7027d986-3c59-a37a-9a5f-50713e01c8a6',
      object: 'chat.completion.chunk',
      created: 1770772293,
      model: 'grok-3-mini',
      system_fingerprint: 'fp_2a885414fb',
    };
    expect(chunks).toHaveLength(recordedChunks.length);
    expect(chunks[0]).toEqual({
      ...envelope,
      choices: [
        { index: 0, delta: { role: 'assistant', reasoning_content: 'First' }, finish_reason: null },
      ],
    });
    expect(chunks.at(-3)).toEqual({
      ...envelope,
      choices: [
        {
          index: 0,
          delta: {
            tool_calls: [
              {
                index: 0,
                id: 'call_79382389',
                type: 'function',
                function: { name: 'weather', arguments: '{"location":"San Francisco"}' },
              },
            ],
          },
          finish_reason: null,
        },
      ],
    });
    expect(chunks.at(-2)).toEqual({
      ...envelope,
      choices: [{ index: 0, delta: {}, finish_reason: 'tool_calls' }],
    });
    // completion_tokens (26) exclude reasoning (227) at xAI: clients get OpenAI's convention.
    expect(chunks.at(-1)).toEqual({
      ...envelope,
      choices: [],
      usage: {
        prompt_tokens: 307,
        completion_tokens: 253,
        total_tokens: 560,
        prompt_tokens_details: { cached_tokens: 306 },
        completion_tokens_details: { reasoning_tokens: 227 },
      },
    });
    expect(converter.usage).toEqual({
      inputTokens: 307,
      outputTokens: 253,
      cacheReadTokens: 306,
      cacheWriteTokens: 0,
      reasoningTokens: 227,
    });
    expect(joinDeltas(chunks, 'reasoning_content')).toMatch(/^First, the user/);
    expect(joinDeltas(chunks, 'content')).toBe('');
  });
});
