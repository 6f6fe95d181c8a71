import { describe, expect, it } from 'vitest';
import {
  chunkLines,
  feedInSlices,
  frameSse,
  joinDeltas,
  readJson,
  readText,
  thrownBy,
} from '../openai-compatible/__fixtures__/replay-sse.js';
import { runOpenAiCompatibleContractSuite } from '../openai-compatible/__fixtures__/run-contract-suite.js';
import type { UpstreamTarget } from '../spec/adapter.js';
import type { ChatCompletionRequest } from '../spec/chat-request.js';
import { deepSeekAdapter } from './deepseek-adapter.js';

const target: UpstreamTarget = {
  provider: 'deepseek',
  baseUrl: 'https://api.deepseek.com',
  apiKey: 'ds-test',
  model: 'deepseek-reasoner',
};
const chatTarget: UpstreamTarget = { ...target, model: 'deepseek-chat' };
const reject = { unsupported: 'reject', now: new Date('2026-01-01T00:00:00Z') } as const;
const drop = { ...reject, unsupported: 'drop' } as const;
const recordedResponse = readJson(
  new URL('./__fixtures__/deepseek-reasoning.json', import.meta.url),
) as {
  choices: [{ message: { content: string; reasoning_content: string } }];
};
const recordedChunks = chunkLines(
  readText(new URL('./__fixtures__/deepseek-reasoning.chunks.txt', import.meta.url)),
);

runOpenAiCompatibleContractSuite(deepSeekAdapter, chatTarget);

describe('deepSeekAdapter request', () => {
  const sampled: ChatCompletionRequest = {
    model: 'alias',
    messages: [{ role: 'user', content: "How many 'r's are in 'strawberry'?" }],
    temperature: 0.2,
    top_logprobs: 2,
    logprobs: true,
    max_completion_tokens: 1000,
    stream: true,
  };

  it('forwards sampling settings to deepseek-chat and sends max_tokens with include_usage', () => {
    const { http, dropped } = deepSeekAdapter.mapChatRequest(sampled, chatTarget, reject);
    expect(http.url).toBe('https://api.deepseek.com/chat/completions');
    expect(JSON.parse(http.body ?? '')).toEqual({
      model: 'deepseek-chat',
      messages: [{ role: 'user', content: "How many 'r's are in 'strawberry'?" }],
      temperature: 0.2,
      top_logprobs: 2,
      logprobs: true,
      max_tokens: 1000,
      stream: true,
      stream_options: { include_usage: true },
    });
    expect(dropped).toEqual([]);
  });

  it('refuses settings the reasoner ignores or rejects, or drops them all and says so', () => {
    expect(thrownBy(() => deepSeekAdapter.mapChatRequest(sampled, target, reject))).toMatchObject({
      status: 400,
      param: 'temperature',
    });
    const result = deepSeekAdapter.mapChatRequest(sampled, target, drop);
    expect(result.dropped).toEqual(['temperature', 'logprobs', 'top_logprobs']);
    expect(JSON.parse(result.http.body ?? '')).not.toHaveProperty('temperature');
  });

  it('forwards reasoning_content replayed in the history', () => {
    const request: ChatCompletionRequest = {
      model: 'alias',
      messages: [
        { role: 'user', content: 'Hi' },
        { role: 'assistant', content: 'Hello', reasoning_content: 'The user greets.' },
        { role: 'user', content: 'Again' },
      ],
    };
    const { http, dropped } = deepSeekAdapter.mapChatRequest(request, target, reject);
    expect(JSON.parse(http.body ?? '')).toMatchObject({
      messages: [
        {},
        { role: 'assistant', content: 'Hello', reasoning_content: 'The user greets.' },
        {},
      ],
    });
    expect(dropped).toEqual([]);
  });
});

describe('deepSeekAdapter response and stream', () => {
  it('maps the recorded reasoning response, reasoning included', () => {
    const mapped = deepSeekAdapter.mapChatResponse(recordedResponse, target);
    expect(mapped.body).toEqual({
      id: '945bb10c-9bf3-47ff-a2a2-43bbe9705c72',
      object: 'chat.completion',
      created: 1764660903,
      model: 'deepseek-reasoner',
      choices: [
        {
          index: 0,
          message: {
            role: 'assistant',
            content: recordedResponse.choices[0].message.content,
            reasoning_content: recordedResponse.choices[0].message.reasoning_content,
          },
          logprobs: null,
          finish_reason: 'stop',
        },
      ],
      usage: {
        prompt_tokens: 18,
        completion_tokens: 345,
        total_tokens: 363,
        prompt_tokens_details: { cached_tokens: 0 },
        completion_tokens_details: { reasoning_tokens: 315 },
      },
      system_fingerprint: 'fp_eaab8d114b_prod0820_fp8_kvcache',
    });
    expect(mapped.usage).toEqual({
      inputTokens: 18,
      outputTokens: 345,
      cacheReadTokens: 0,
      cacheWriteTokens: 0,
      reasoningTokens: 315,
    });
  });

  it('counts cache hits from prompt_cache_hit_tokens', () => {
    const mapped = deepSeekAdapter.mapChatResponse(
      {
        id: 'd1',
        created: 1,
        model: 'deepseek-chat',
        choices: [
          { index: 0, finish_reason: 'stop', message: { role: 'assistant', content: 'ok' } },
        ],
        usage: {
          prompt_tokens: 100,
          completion_tokens: 5,
          prompt_cache_hit_tokens: 64,
          prompt_cache_miss_tokens: 36,
        },
      },
      chatTarget,
    );
    expect(mapped.usage).toEqual({
      inputTokens: 100,
      outputTokens: 5,
      cacheReadTokens: 64,
      cacheWriteTokens: 0,
      reasoningTokens: 0,
    });
  });

  it('replays the recorded stream in 7-byte slices with reasoning deltas and usage last', () => {
    const converter = deepSeekAdapter.createChatStreamConverter(target, {
      responseId: 'unused',
      created: 0,
    });
    const chunks = feedInSlices(converter, frameSse(recordedChunks), 7);
    const envelope = {
      id: 'cac7192e-e619-40c6-96b0-ed4276bc03ac',
      object: 'chat.completion.chunk',
      created: 1764661832,
      model: 'deepseek-reasoner',
      system_fingerprint: 'fp_eaab8d114b_prod0820_fp8_kvcache',
    };
    expect(chunks).toHaveLength(recordedChunks.length + 1);
    expect(chunks[0]).toEqual({
      ...envelope,
      choices: [
        {
          index: 0,
          delta: { role: 'assistant', content: null, reasoning_content: '' },
          logprobs: null,
          finish_reason: null,
        },
      ],
    });
    expect(chunks[1]).toEqual({
      ...envelope,
      choices: [
        {
          index: 0,
          delta: { content: null, reasoning_content: 'We' },
          logprobs: null,
          finish_reason: null,
        },
      ],
    });
    expect(chunks.at(-2)).toEqual({
      ...envelope,
      choices: [{ index: 0, delta: { content: '' }, logprobs: null, finish_reason: 'stop' }],
    });
    expect(chunks.at(-1)).toEqual({
      ...envelope,
      choices: [],
      usage: {
        prompt_tokens: 18,
        completion_tokens: 219,
        total_tokens: 237,
        prompt_tokens_details: { cached_tokens: 0 },
        completion_tokens_details: { reasoning_tokens: 205 },
      },
    });
    type Line = {
      choices: { delta: { content?: string | null; reasoning_content?: string | null } }[];
    };
    const recorded = recordedChunks.map((line) => (JSON.parse(line) as Line).choices[0]?.delta);
    expect(joinDeltas(chunks, 'reasoning_content')).toBe(
      recorded.map((d) => d?.reasoning_content ?? '').join(''),
    );
    expect(joinDeltas(chunks, 'content')).toBe(recorded.map((d) => d?.content ?? '').join(''));
    expect(converter.usage).toEqual({
      inputTokens: 18,
      outputTokens: 219,
      cacheReadTokens: 0,
      cacheWriteTokens: 0,
      reasoningTokens: 205,
    });
  });

  it('ignores keep-alive comments while the server is busy', () => {
    const converter = deepSeekAdapter.createChatStreamConverter(target, {
      responseId: 'r',
      created: 0,
    });
    const bytes = new TextEncoder().encode(': keep-alive\n\n: keep-alive\n\n');
    expect(converter.push(bytes)).toEqual([]);
    expect(feedInSlices(converter, frameSse(recordedChunks.slice(-1)), 5)).toHaveLength(2);
  });
});
