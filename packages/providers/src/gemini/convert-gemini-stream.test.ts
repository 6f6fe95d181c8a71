import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { StreamConverter, UpstreamTarget } from '../spec/adapter.js';
import type { ChatCompletionChunk } from '../spec/chat-response.js';
import { geminiAdapter } from './gemini-adapter.js';

const target: UpstreamTarget = {
  provider: 'gemini',
  baseUrl: 'https://generativelanguage.googleapis.com',
  apiKey: 'k',
  model: 'gemini-3-pro-preview',
};
const streamOptions = { responseId: 'chatcmpl-test', created: 1767323045 };

/** Recorded events framed the way `alt=sse` sends them (fixtures README). */
function recordedStream(name: string, lineEnding = '\n'): string {
  return readFileSync(new URL(`./__fixtures__/${name}.chunks.txt`, import.meta.url), 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => `data: ${line}${lineEnding}${lineEnding}`)
    .join('');
}

/** Feeds the bytes in pieces of `size` (the last piece shorter) and collects every chunk. */
function replay(text: string, size: number, converter: StreamConverter = newConverter()) {
  const bytes = new TextEncoder().encode(text);
  const chunks: ChatCompletionChunk[] = [];
  for (let offset = 0; offset < bytes.length; offset += size) {
    chunks.push(...converter.push(bytes.subarray(offset, offset + size)));
  }
  chunks.push(...converter.finish());
  return { chunks, converter };
}

const newConverter = () => geminiAdapter.createChatStreamConverter(target, streamOptions);
const base = {
  id: 'chatcmpl-test',
  object: 'chat.completion.chunk',
  created: 1767323045,
  model: 'gemini-3-pro-preview',
};

describe('Gemini stream converter', () => {
  it.each([1, 5, 13, 97, 100_000])(
    'replays the recorded text stream split every %i bytes',
    (size) => {
      const { chunks, converter } = replay(recordedStream('google-text'), size);
      expect(chunks).toEqual([
        {
          ...base,
          choices: [
            {
              index: 0,
              delta: { role: 'assistant', content: 'There are **3**' },
              finish_reason: null,
            },
          ],
        },
        {
          ...base,
          choices: [
            {
              index: 0,
              delta: { content: ' "r"s in strawberry.\n\nst**r**awbe**rr**y' },
              finish_reason: null,
            },
          ],
        },
        { ...base, choices: [{ index: 0, delta: {}, finish_reason: 'stop' }] },
        {
          ...base,
          choices: [],
          usage: {
            prompt_tokens: 9,
            completion_tokens: 208,
            total_tokens: 217,
            prompt_tokens_details: { cached_tokens: 0 },
            completion_tokens_details: { reasoning_tokens: 185 },
          },
        },
      ]);
      expect(converter.usage).toEqual({
        inputTokens: 9,
        outputTokens: 208,
        cacheReadTokens: 0,
        cacheWriteTokens: 0,
        reasoningTokens: 185,
      });
      expect(converter.servedModel).toBe('gemini-3-pro-preview');
    },
  );

  it('replays the recorded function-call stream as one whole tool-call delta', () => {
    const { chunks } = replay(recordedStream('google-tool-call', '\r\n'), 11);
    expect(chunks).toEqual([
      {
        ...base,
        choices: [
          {
            index: 0,
            delta: {
              role: 'assistant',
              content: '',
              tool_calls: [
                {
                  index: 0,
                  id: 'call_b36LacjwM668nsEP2tbsgQQ_0',
                  type: 'function',
                  function: { name: 'weather', arguments: '{"location":"San Francisco"}' },
                },
              ],
            },
            finish_reason: null,
          },
        ],
      },
      { ...base, choices: [{ index: 0, delta: {}, finish_reason: 'tool_calls' }] },
      {
        ...base,
        choices: [],
        usage: {
          prompt_tokens: 29,
          completion_tokens: 60,
          total_tokens: 89,
          prompt_tokens_details: { cached_tokens: 0 },
          completion_tokens_details: { reasoning_tokens: 45 },
        },
      },
    ]);
  });

  it('mints the same tool-call id as the non-streaming mapper for the same response', () => {
    const { chunks } = replay(recordedStream('google-tool-call'), 64);
    const streamedId = chunks[0]?.choices[0]?.delta.tool_calls?.[0]?.id;
    const event = JSON.parse(
      recordedStream('google-tool-call').split('\n')[0]?.slice('data: '.length) ?? '',
    );
    const mapped = geminiAdapter.mapChatResponse(event, target);
    expect(mapped.body.choices[0]?.message.tool_calls?.[0]?.id).toBe(streamedId);
  });

  it('throws upstream_stream_truncated when the connection closes before a finishReason', () => {
    const events = recordedStream('google-text').split('\n\n').filter(Boolean);
    const cut = events
      .slice(0, 2)
      .map((event) => `${event}\n\n`)
      .join('');
    const converter = newConverter();
    const bytes = new TextEncoder().encode(cut);
    expect(converter.push(bytes)).toHaveLength(2);
    expect(() => converter.finish()).toThrow(
      expect.objectContaining({
        code: 'upstream_stream_truncated',
        status: 502,
        fault: 'provider',
        retryable: true,
      }),
    );
    // Usage seen before the cut stays readable for billing.
    expect(converter.usage.outputTokens).toBe(208);
  });

  it('throws upstream_stream_truncated for an empty stream', () => {
    expect(() => newConverter().finish()).toThrow(
      expect.objectContaining({ code: 'upstream_stream_truncated' }),
    );
  });

  it('turns an in-stream error event into the mapped UpstreamError', () => {
    const converter = newConverter();
    const first = recordedStream('google-text').split('\n\n')[0] ?? '';
    converter.push(new TextEncoder().encode(`${first}\n\n`));
    const error =
      'data: {"error":{"code":503,"message":"The model is overloaded.","status":"UNAVAILABLE"}}\n\n';
    expect(() => converter.push(new TextEncoder().encode(error))).toThrow(
      expect.objectContaining({
        code: 'upstream_overloaded',
        status: 503,
        providerCode: 'UNAVAILABLE',
        message: 'Gemini: The model is overloaded.',
      }),
    );
  });

  it('recognises an un-framed JSON error body sent instead of SSE', () => {
    const converter = newConverter();
    const body =
      '{\n  "error": {\n    "code": 429,\n    "message": "Quota exceeded.",\n    "status": "RESOURCE_EXHAUSTED"\n  }\n}\n';
    const bytes = new TextEncoder().encode(body);
    expect(converter.push(bytes.subarray(0, 20))).toEqual([]);
    expect(() => converter.push(bytes.subarray(20))).toThrow(
      expect.objectContaining({
        code: 'upstream_rate_limited',
        status: 429,
        providerCode: 'RESOURCE_EXHAUSTED',
      }),
    );
  });

  it('finishes a blocked prompt with a content_filter choice', () => {
    const { chunks } = replay('data: {"promptFeedback":{"blockReason":"SAFETY"}}\n\n', 7);
    expect(chunks).toEqual([
      {
        ...base,
        choices: [{ index: 0, delta: { role: 'assistant', content: '' }, finish_reason: null }],
      },
      { ...base, choices: [{ index: 0, delta: {}, finish_reason: 'content_filter' }] },
    ]);
  });

  it('waits for every candidate to finish when n > 1', () => {
    const event = (candidates: unknown[]) => `data: ${JSON.stringify({ candidates })}\n\n`;
    const text = (index: number, value: string, finishReason?: string) => ({
      index,
      content: { role: 'model', parts: [{ text: value }] },
      ...(finishReason ? { finishReason } : {}),
    });
    const converter = newConverter();
    const chunks = converter.push(
      new TextEncoder().encode(event([text(0, 'a', 'STOP'), text(1, 'b')])),
    );
    expect(chunks.map((chunk) => chunk.choices.map((choice) => choice.index))).toEqual([
      [0, 1],
      [0],
    ]);
    expect(() => converter.finish()).toThrow(
      expect.objectContaining({ code: 'upstream_stream_truncated' }),
    );
  });
});
