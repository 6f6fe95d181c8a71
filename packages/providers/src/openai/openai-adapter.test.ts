import { describe, expect, it } from 'vitest';
import {
  chunkLines,
  feedInSlices,
  frameSse,
  joinDeltas,
  readJson,
  readText,
} from '../openai-compatible/__fixtures__/replay-sse.js';
import { runOpenAiCompatibleContractSuite } from '../openai-compatible/__fixtures__/run-contract-suite.js';
import type { UpstreamTarget } from '../spec/adapter.js';
import type { ChatCompletionRequest } from '../spec/chat-request.js';
import { openAiAdapter } from './openai-adapter.js';

const target: UpstreamTarget = {
  provider: 'openai',
  baseUrl: 'https://api.openai.com/v1',
  apiKey: 'sk-test',
  model: 'gpt-4.1-nano',
  options: { organization: 'org-1' },
};
const options = { unsupported: 'reject', now: new Date('2026-01-01T00:00:00Z') } as const;
const recordedResponse = readJson(new URL('./__fixtures__/openai-text.json', import.meta.url)) as {
  choices: [{ message: { content: string } }];
};
const recordedChunks = chunkLines(
  readText(new URL('./__fixtures__/openai-text.chunks.txt', import.meta.url)),
);

runOpenAiCompatibleContractSuite(openAiAdapter, target);

describe('openAiAdapter', () => {
  it('sends the canonical request unchanged except the model id and include_usage on streams', () => {
    const request: ChatCompletionRequest = {
      model: 'my-alias',
      messages: [
        { role: 'developer', content: 'Answer briefly.' },
        { role: 'user', content: 'Invent a holiday', name: 'ada' },
      ],
      max_completion_tokens: 500,
      stream: true,
      store: false,
      prompt_cache_key: 'k1',
    };
    const { http, dropped } = openAiAdapter.mapChatRequest(request, target, options);
    expect(http.url).toBe('https://api.openai.com/v1/chat/completions');
    expect(http.headers).toEqual({
      'content-type': 'application/json',
      authorization: 'Bearer sk-test',
      'openai-organization': 'org-1',
    });
    expect(JSON.parse(http.body ?? '')).toEqual({
      model: 'gpt-4.1-nano',
      messages: [
        { role: 'developer', content: 'Answer briefly.' },
        { role: 'user', content: 'Invent a holiday', name: 'ada' },
      ],
      max_completion_tokens: 500,
      stream: true,
      store: false,
      prompt_cache_key: 'k1',
      stream_options: { include_usage: true },
    });
    expect(dropped).toEqual([]);
  });

  it('maps the recorded text response', () => {
    const mapped = openAiAdapter.mapChatResponse(recordedResponse, target);
    expect(mapped.body).toEqual({
      id: 'chatcmpl-D8Z5f52zQqikDBEKQMQoYcWMcWPeU',
      object: 'chat.completion',
      created: 1770933883,
      model: 'gpt-4.1-nano-2025-04-14',
      choices: [
        {
          index: 0,
          message: {
            role: 'assistant',
            content: recordedResponse.choices[0].message.content,
            refusal: null,
          },
          logprobs: null,
          finish_reason: 'stop',
        },
      ],
      usage: {
        prompt_tokens: 16,
        completion_tokens: 363,
        total_tokens: 379,
        prompt_tokens_details: { cached_tokens: 0 },
        completion_tokens_details: { reasoning_tokens: 0 },
      },
      system_fingerprint: 'fp_de604bd877',
      service_tier: 'default',
    });
    expect(mapped.usage).toEqual({
      inputTokens: 16,
      outputTokens: 363,
      cacheReadTokens: 0,
      cacheWriteTokens: 0,
      reasoningTokens: 0,
    });
    expect(mapped.servedModel).toBe('gpt-4.1-nano-2025-04-14');
  });

  it('replays the recorded stream in 7-byte slices: every delta, then the usage chunk', () => {
    const converter = openAiAdapter.createChatStreamConverter(target, {
      responseId: 'unused',
      created: 0,
    });
    const chunks = feedInSlices(converter, frameSse(recordedChunks), 7);
    const envelope = {
      id: 'chatcmpl-D8Z5oo6uDh67AD85p73ksdT1KxhE0',
      object: 'chat.completion.chunk',
      created: 1770933892,
      model: 'gpt-4.1-nano-2025-04-14',
      system_fingerprint: 'fp_de604bd877',
    };
    // 301 content chunks; the recorded `choices: []` usage chunk is re-emitted once, at [DONE].
    expect(chunks).toHaveLength(recordedChunks.length);
    expect(chunks[0]).toEqual({
      ...envelope,
      choices: [
        {
          index: 0,
          delta: { role: 'assistant', content: '', refusal: null },
          logprobs: null,
          finish_reason: null,
        },
      ],
    });
    expect(chunks[1]).toEqual({
      ...envelope,
      choices: [{ index: 0, delta: { content: '**' }, logprobs: null, finish_reason: null }],
    });
    expect(chunks.at(-2)).toEqual({
      ...envelope,
      choices: [{ index: 0, delta: {}, logprobs: null, finish_reason: 'stop' }],
    });
    expect(chunks.at(-1)).toEqual({
      ...envelope,
      choices: [],
      usage: {
        prompt_tokens: 16,
        completion_tokens: 300,
        total_tokens: 316,
        prompt_tokens_details: { cached_tokens: 0 },
        completion_tokens_details: { reasoning_tokens: 0 },
      },
    });
    const recordedText = recordedChunks
      .map(
        (line) =>
          (JSON.parse(line) as { choices: { delta: { content?: string } }[] }).choices[0]?.delta
            .content ?? '',
      )
      .join('');
    expect(joinDeltas(chunks, 'content')).toBe(recordedText);
    expect(converter.usage).toEqual({
      inputTokens: 16,
      outputTokens: 300,
      cacheReadTokens: 0,
      cacheWriteTokens: 0,
      reasoningTokens: 0,
    });
  });

  it('sends embeddings and legacy completions to their endpoints with the target model', () => {
    const embeddings = openAiAdapter.mapEmbeddingsRequest?.(
      { model: 'alias', input: ['a', 'b'], dimensions: 256 },
      { ...target, model: 'text-embedding-3-small' },
      options,
    );
    expect(embeddings?.http.url).toBe('https://api.openai.com/v1/embeddings');
    expect(JSON.parse(embeddings?.http.body ?? '')).toEqual({
      model: 'text-embedding-3-small',
      input: ['a', 'b'],
      dimensions: 256,
    });
    const completions = openAiAdapter.mapCompletionsRequest?.(
      { model: 'alias', prompt: 'Say hi', max_tokens: 5, echo: true },
      { ...target, model: 'gpt-3.5-turbo-instruct' },
      options,
    );
    expect(completions?.http.url).toBe('https://api.openai.com/v1/completions');
    expect(JSON.parse(completions?.http.body ?? '')).toEqual({
      model: 'gpt-3.5-turbo-instruct',
      prompt: 'Say hi',
      max_tokens: 5,
      echo: true,
    });
  });
});
