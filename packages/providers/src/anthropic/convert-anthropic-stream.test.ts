import { describe, expect, it } from 'vitest';
import type { ChatCompletionChunk } from '../spec/chat-response.js';
import { AnthropicStreamConverter } from './convert-anthropic-stream.js';
import {
  frameAnthropicSse,
  readChunkLines,
  sliceBytes,
} from './__fixtures__/replay-anthropic-sse.js';

const target = {
  provider: 'anthropic',
  baseUrl: 'https://api.anthropic.com',
  apiKey: 'k',
  model: 'claude-x',
};
const newConverter = () =>
  new AnthropicStreamConverter(target, { responseId: 'chatcmpl-1', created: 1 });

function feed(converter: AnthropicStreamConverter, text: string): ChatCompletionChunk[] {
  return sliceBytes(text, 5).flatMap((slice) => converter.push(slice));
}

const start = JSON.stringify({
  type: 'message_start',
  message: {
    id: 'msg_1',
    type: 'message',
    role: 'assistant',
    model: 'claude-x-1',
    content: [],
    usage: {
      input_tokens: 10,
      cache_read_input_tokens: 90,
      cache_creation_input_tokens: 5,
      output_tokens: 1,
    },
  },
});
const line = (value: object) => JSON.stringify(value);

describe('AnthropicStreamConverter', () => {
  it('throws upstream_stream_truncated when the recorded stream is cut before message_stop', () => {
    const lines = readChunkLines('anthropic-text.chunks.txt');
    const converter = newConverter();
    const chunks = feed(converter, frameAnthropicSse(lines.slice(0, -2)));
    expect(chunks.map((chunk) => chunk.choices[0]?.delta.content)).toEqual([
      '',
      'Hello',
      '! I',
      "'m doing well, thank you for asking",
      '. How are you doing today?',
      ' Is',
      ' there anything I can help you with?',
    ]);
    expect(() => converter.finish()).toThrow(
      expect.objectContaining({
        code: 'upstream_stream_truncated',
        status: 502,
        fault: 'provider',
        retryable: true,
      }),
    );
    // Input and cache counts from message_start stay known for billing.
    expect(converter.usage.inputTokens).toBe(12);
  });

  it('throws the mapped error on an in-stream error event, after the chunks before it', () => {
    const converter = newConverter();
    const sse = frameAnthropicSse([
      start,
      line({ type: 'content_block_start', index: 0, content_block: { type: 'text', text: '' } }),
      line({ type: 'content_block_delta', index: 0, delta: { type: 'text_delta', text: 'Hi' } }),
    ]);
    expect(feed(converter, sse)).toHaveLength(2);
    const error = frameAnthropicSse([
      line({ type: 'error', error: { type: 'overloaded_error', message: 'Overloaded' } }),
    ]);
    expect(() => feed(converter, error)).toThrow(
      expect.objectContaining({
        code: 'upstream_overloaded',
        status: 503,
        message: 'Anthropic: Overloaded',
      }),
    );
  });

  it('numbers tool calls among tool_use blocks only, maps thinking and adds cache tokens to the prompt', () => {
    const converter = newConverter();
    const chunks = feed(
      converter,
      frameAnthropicSse([
        start,
        line({
          type: 'content_block_start',
          index: 0,
          content_block: { type: 'thinking', thinking: '', signature: '' },
        }),
        line({
          type: 'content_block_delta',
          index: 0,
          delta: { type: 'thinking_delta', thinking: 'Hmm.' },
        }),
        line({
          type: 'content_block_delta',
          index: 0,
          delta: { type: 'signature_delta', signature: 'EqQB' },
        }),
        line({ type: 'content_block_stop', index: 0 }),
        line({
          type: 'content_block_start',
          index: 1,
          content_block: { type: 'text', text: 'Checking.' },
        }),
        line({ type: 'content_block_stop', index: 1 }),
        line({
          type: 'content_block_start',
          index: 2,
          content_block: { type: 'tool_use', id: 'toolu_a', name: 'f', input: {} },
        }),
        line({
          type: 'content_block_delta',
          index: 2,
          delta: { type: 'input_json_delta', partial_json: '{"x":1}' },
        }),
        line({ type: 'content_block_stop', index: 2 }),
        line({
          type: 'content_block_start',
          index: 3,
          content_block: { type: 'tool_use', id: 'toolu_b', name: 'g', input: {} },
        }),
        line({
          type: 'content_block_delta',
          index: 3,
          delta: { type: 'input_json_delta', partial_json: '{}' },
        }),
        line({ type: 'content_block_stop', index: 3 }),
        line({ type: 'some_future_event', detail: true }),
        line({
          type: 'message_delta',
          delta: { stop_reason: 'tool_use' },
          usage: { output_tokens: 80, output_tokens_details: { thinking_tokens: 20 } },
        }),
        line({ type: 'message_stop' }),
      ]),
    );
    chunks.push(...converter.finish());
    expect(chunks.map((chunk) => chunk.choices[0]?.delta ?? chunk.usage)).toEqual([
      { role: 'assistant', content: '' },
      { reasoning_content: 'Hmm.' },
      { content: 'Checking.' },
      {
        tool_calls: [
          { index: 0, id: 'toolu_a', type: 'function', function: { name: 'f', arguments: '' } },
        ],
      },
      { tool_calls: [{ index: 0, function: { arguments: '{"x":1}' } }] },
      {
        tool_calls: [
          { index: 1, id: 'toolu_b', type: 'function', function: { name: 'g', arguments: '' } },
        ],
      },
      { tool_calls: [{ index: 1, function: { arguments: '{}' } }] },
      {},
      {
        prompt_tokens: 105,
        completion_tokens: 80,
        total_tokens: 185,
        prompt_tokens_details: { cached_tokens: 90, cache_write_tokens: 5 },
        completion_tokens_details: { reasoning_tokens: 20 },
      },
    ]);
    expect(chunks[7]?.choices[0]?.finish_reason).toBe('tool_calls');
    expect(chunks.every((chunk) => chunk.id === 'msg_1' && chunk.model === 'claude-x-1')).toBe(
      true,
    );
  });

  it('refuses data that is not JSON and deltas for unknown blocks', () => {
    expect(() => feed(newConverter(), 'event: message_start\ndata: {not json\n\n')).toThrow(
      expect.objectContaining({ code: 'upstream_server_error' }),
    );
    const orphan = line({
      type: 'content_block_delta',
      index: 4,
      delta: { type: 'input_json_delta', partial_json: '{' },
    });
    expect(() => feed(newConverter(), frameAnthropicSse([start, orphan]))).toThrow(
      expect.objectContaining({ code: 'upstream_server_error' }),
    );
  });

  it('ignores anything after message_stop', () => {
    const converter = newConverter();
    const chunks = feed(
      converter,
      frameAnthropicSse([
        start,
        line({
          type: 'message_delta',
          delta: { stop_reason: 'end_turn' },
          usage: { output_tokens: 2 },
        }),
        line({ type: 'message_stop' }),
        line({ type: 'error', error: { type: 'api_error', message: 'late' } }),
      ]),
    );
    expect(chunks).toHaveLength(3);
    expect(converter.finish()).toEqual([]);
  });
});
