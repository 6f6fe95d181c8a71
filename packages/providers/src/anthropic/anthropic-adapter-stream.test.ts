import OpenAI from 'openai';
import { describe, expect, it } from 'vitest';
import type { UpstreamTarget } from '../spec/adapter.js';
import type { ChatCompletionChunk } from '../spec/chat-response.js';
import { anthropicAdapter } from './anthropic-adapter.js';
import {
  frameAnthropicSse,
  readChunkLines,
  sliceBytes,
} from './__fixtures__/replay-anthropic-sse.js';

// The recorded Anthropic streams, replayed through the adapter in awkward byte slices.

const target: UpstreamTarget = {
  provider: 'anthropic',
  baseUrl: 'https://api.anthropic.com',
  apiKey: 'sk-ant-test',
  model: 'claude-sonnet-4-5-20250929',
};

function replay(fixture: string, sliceSize: number) {
  const converter = anthropicAdapter.createChatStreamConverter(target, {
    responseId: 'chatcmpl-unused',
    created: 1770000000,
  });
  const chunks: ChatCompletionChunk[] = [];
  for (const slice of sliceBytes(frameAnthropicSse(readChunkLines(fixture)), sliceSize)) {
    chunks.push(...converter.push(slice));
  }
  chunks.push(...converter.finish());
  return { chunks, converter };
}

const chunkOf = (id: string, model: string, delta: object, finishReason: string | null = null) => ({
  id,
  object: 'chat.completion.chunk',
  created: 1770000000,
  model,
  choices: [{ index: 0, delta, finish_reason: finishReason }],
});

describe('anthropicAdapter stream converter (recorded streams, 5-byte slices)', () => {
  it('replays the recorded text stream into the exact OpenAI chunk sequence', () => {
    const { chunks, converter } = replay('anthropic-text.chunks.txt', 5);
    const id = 'msg_01QC4g3HwBThD4BaNtBckFDJ';
    const model = 'claude-sonnet-4-5-20250929';
    const text = (content: string) => chunkOf(id, model, { content });
    expect(chunks).toEqual([
      chunkOf(id, model, { role: 'assistant', content: '' }),
      text('Hello'),
      text('! I'),
      text("'m doing well, thank you for asking"),
      text('. How are you doing today?'),
      text(' Is'),
      text(' there anything I can help you with?'),
      chunkOf(id, model, {}, 'stop'),
      {
        id,
        object: 'chat.completion.chunk',
        created: 1770000000,
        model,
        choices: [],
        usage: {
          prompt_tokens: 12,
          completion_tokens: 30,
          total_tokens: 42,
          prompt_tokens_details: { cached_tokens: 0 },
          completion_tokens_details: { reasoning_tokens: 0 },
        },
      },
    ]);
    expect(converter.usage).toEqual({
      inputTokens: 12,
      outputTokens: 30,
      cacheReadTokens: 0,
      cacheWriteTokens: 0,
      reasoningTokens: 0,
    });
    expect(converter.servedModel).toBe(model);
  });

  it('replays the recorded tool stream as tool-call deltas on index 0 with the tool_use id', () => {
    const { chunks, converter } = replay('anthropic-json-tool.1.chunks.txt', 5);
    const id = 'msg_01K2JbSUMYhez5RHoK9ZCj9U';
    const model = 'claude-haiku-4-5-20251001';
    expect(chunks).toEqual([
      chunkOf(id, model, { role: 'assistant', content: '' }),
      chunkOf(id, model, {
        tool_calls: [
          {
            index: 0,
            id: 'toolu_01KFbKqPYSuAKujiL6mTfzYA',
            type: 'function',
            function: { name: 'json', arguments: '' },
          },
        ],
      }),
      chunkOf(id, model, {
        tool_calls: [
          {
            index: 0,
            function: {
              arguments:
                '{"elements": [{"location": "San Francisco", "temperature": 58, "condition": "sunny"}]',
            },
          },
        ],
      }),
      chunkOf(id, model, { tool_calls: [{ index: 0, function: { arguments: '}' } }] }),
      chunkOf(id, model, {}, 'tool_calls'),
      {
        id,
        object: 'chat.completion.chunk',
        created: 1770000000,
        model,
        choices: [],
        usage: {
          prompt_tokens: 849,
          completion_tokens: 47,
          total_tokens: 896,
          prompt_tokens_details: { cached_tokens: 0 },
          completion_tokens_details: { reasoning_tokens: 0 },
        },
      },
    ]);
    expect(converter.usage.outputTokens).toBe(47);
  });

  it('gives the same chunks whatever the slice size', () => {
    const whole = replay('anthropic-json-tool.1.chunks.txt', 1_000_000).chunks;
    for (const size of [1, 2, 3, 7, 64]) {
      expect(replay('anthropic-json-tool.1.chunks.txt', size).chunks).toEqual(whole);
    }
  });
});

describe('OpenAI SDK compatibility of the converted stream', () => {
  it('is assembled by the OpenAI SDK into one tool call with the full arguments and usage', async () => {
    const { chunks } = replay('anthropic-json-tool.1.chunks.txt', 5);
    const sse =
      chunks.map((chunk) => `data: ${JSON.stringify(chunk)}\n\n`).join('') + 'data: [DONE]\n\n';
    const client = new OpenAI({
      apiKey: 'sk-gateway',
      baseURL: 'http://gateway.test/v1',
      maxRetries: 0,
      fetch: async () => new Response(sse, { headers: { 'content-type': 'text/event-stream' } }),
    });
    const completion = await client.chat.completions
      .stream({
        model: 'gateway-model',
        messages: [{ role: 'user', content: 'Weather?' }],
        stream_options: { include_usage: true },
      })
      .finalChatCompletion();
    expect(completion.choices[0]?.finish_reason).toBe('tool_calls');
    expect(completion.choices[0]?.message.tool_calls).toEqual([
      {
        id: 'toolu_01KFbKqPYSuAKujiL6mTfzYA',
        type: 'function',
        function: {
          name: 'json',
          arguments:
            '{"elements": [{"location": "San Francisco", "temperature": 58, "condition": "sunny"}]}',
        },
      },
    ]);
    expect(completion.usage).toMatchObject({
      prompt_tokens: 849,
      completion_tokens: 47,
      total_tokens: 896,
    });
  });
});
