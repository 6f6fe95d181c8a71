import Anthropic from '@anthropic-ai/sdk';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { ChatCompletionChunk, ChatCompletionChunkChoice } from '../spec/chat-response.js';
import { anthropicOutputEventSchema, type AnthropicOutputEvent } from './anthropic-ingress-api.js';
import {
  CanonicalStreamToAnthropic,
  formatAnthropicSseEvent,
} from './convert-canonical-stream-to-anthropic.js';

const chunk = (
  delta: ChatCompletionChunkChoice['delta'],
  finishReason: ChatCompletionChunkChoice['finish_reason'] = null,
): ChatCompletionChunk => ({
  id: 'chatcmpl-7',
  object: 'chat.completion.chunk',
  created: 1,
  model: 'gpt-4.1-mini',
  choices: [{ index: 0, delta, finish_reason: finishReason }],
});

/** OpenAI's shape (reference §1.7): text, then two parallel calls streamed fragment by fragment. */
const textThenTwoToolCalls: ChatCompletionChunk[] = [
  chunk({ role: 'assistant', content: '' }),
  chunk({ content: 'Checking ' }),
  chunk({ content: 'both.' }),
  chunk({
    tool_calls: [
      { index: 0, id: 'call_1', type: 'function', function: { name: 'weather', arguments: '' } },
    ],
  }),
  chunk({ tool_calls: [{ index: 0, function: { arguments: '{"city":' } }] }),
  chunk({ tool_calls: [{ index: 0, function: { arguments: '"Oslo"}' } }] }),
  chunk({
    tool_calls: [
      { index: 1, id: 'call_2', type: 'function', function: { name: 'weather', arguments: '' } },
    ],
  }),
  chunk({ tool_calls: [{ index: 1, function: { arguments: '{"city":"Rome"}' } }] }),
  chunk({}, 'tool_calls'),
  {
    ...chunk({}),
    choices: [],
    usage: {
      prompt_tokens: 120,
      completion_tokens: 40,
      total_tokens: 160,
      prompt_tokens_details: { cached_tokens: 100 },
    },
  },
];

function convert(chunks: ChatCompletionChunk[]): AnthropicOutputEvent[] {
  const converter = new CanonicalStreamToAnthropic();
  return [...chunks.flatMap((each) => converter.push(each)), ...converter.finish()];
}

function sdkClient(events: AnthropicOutputEvent[]): Anthropic {
  return new Anthropic({
    apiKey: 'sk-gateway',
    baseURL: 'http://gateway.test',
    maxRetries: 0,
    fetch: async () =>
      new Response(events.map(formatAnthropicSseEvent).join(''), {
        headers: { 'content-type': 'text/event-stream' },
      }),
  });
}

describe('CanonicalStreamToAnthropic', () => {
  it('emits text then two parallel tool calls in exactly the Anthropic event order', () => {
    const events = convert(textThenTwoToolCalls);
    expect(events).toEqual([
      {
        type: 'message_start',
        message: {
          id: 'chatcmpl-7',
          type: 'message',
          role: 'assistant',
          model: 'gpt-4.1-mini',
          content: [],
          stop_reason: null,
          stop_sequence: null,
          usage: {
            input_tokens: 0,
            output_tokens: 0,
            cache_creation_input_tokens: 0,
            cache_read_input_tokens: 0,
          },
        },
      },
      { type: 'content_block_start', index: 0, content_block: { type: 'text', text: '' } },
      { type: 'content_block_delta', index: 0, delta: { type: 'text_delta', text: 'Checking ' } },
      { type: 'content_block_delta', index: 0, delta: { type: 'text_delta', text: 'both.' } },
      { type: 'content_block_stop', index: 0 },
      {
        type: 'content_block_start',
        index: 1,
        content_block: { type: 'tool_use', id: 'call_1', name: 'weather', input: {} },
      },
      {
        type: 'content_block_delta',
        index: 1,
        delta: { type: 'input_json_delta', partial_json: '{"city":' },
      },
      {
        type: 'content_block_delta',
        index: 1,
        delta: { type: 'input_json_delta', partial_json: '"Oslo"}' },
      },
      { type: 'content_block_stop', index: 1 },
      {
        type: 'content_block_start',
        index: 2,
        content_block: { type: 'tool_use', id: 'call_2', name: 'weather', input: {} },
      },
      {
        type: 'content_block_delta',
        index: 2,
        delta: { type: 'input_json_delta', partial_json: '{"city":"Rome"}' },
      },
      { type: 'content_block_stop', index: 2 },
      {
        type: 'message_delta',
        delta: { stop_reason: 'tool_use', stop_sequence: null },
        usage: {
          input_tokens: 20,
          output_tokens: 40,
          cache_creation_input_tokens: 0,
          cache_read_input_tokens: 100,
        },
      },
      { type: 'message_stop' },
    ]);
    for (const event of events)
      expect(anthropicOutputEventSchema.safeParse(event).success).toBe(true);
  });

  it('is assembled by the Anthropic SDK into text plus two tool_use blocks with parsed input', async () => {
    const stream = sdkClient(convert(textThenTwoToolCalls)).messages.stream({
      model: 'gateway-model',
      max_tokens: 100,
      messages: [],
    });
    const message = await stream.finalMessage();
    expect(message.content).toEqual([
      { type: 'text', text: 'Checking both.' },
      { type: 'tool_use', id: 'call_1', name: 'weather', input: { city: 'Oslo' } },
      { type: 'tool_use', id: 'call_2', name: 'weather', input: { city: 'Rome' } },
    ]);
    expect(message.stop_reason).toBe('tool_use');
    expect(message.usage).toMatchObject({
      input_tokens: 20,
      output_tokens: 40,
      cache_read_input_tokens: 100,
    });
  });

  it('turns the recorded xAI reasoning stream into a thinking block followed by a tool_use block', async () => {
    const chunks = readFileSync(
      new URL('./__fixtures__/xai-tool-call.chunks.txt', import.meta.url),
      'utf8',
    )
      .split('\n')
      .filter((line) => line.trim() !== '')
      .map((line) => JSON.parse(line) as ChatCompletionChunk);
    const events = convert(chunks);
    expect(
      events.filter((event) => event.type !== 'content_block_delta').map((event) => event.type),
    ).toEqual([
      'message_start',
      'content_block_start',
      'content_block_stop',
      'content_block_start',
      'content_block_stop',
      'message_delta',
      'message_stop',
    ]);
    const message = await sdkClient(events)
      .messages.stream({ model: 'gateway-model', max_tokens: 100, messages: [] })
      .finalMessage();
    expect(message.content[0]).toMatchObject({ type: 'thinking', signature: '' });
    expect(
      message.content[0]?.type === 'thinking' &&
        message.content[0].thinking.startsWith('First, the user is asking'),
    ).toBe(true);
    expect(message.content[1]).toEqual({
      type: 'tool_use',
      id: 'call_79382389',
      name: 'weather',
      input: { location: 'San Francisco' },
    });
    expect(message.stop_reason).toBe('tool_use');
    expect(message.usage).toMatchObject({
      input_tokens: 1,
      cache_read_input_tokens: 306,
      output_tokens: 26,
    });
  });

  it('ends a stream that had no chunks or no finish reason as a complete empty end_turn message', () => {
    const converter = new CanonicalStreamToAnthropic({ messageId: 'msg_x', model: 'm' });
    const events = converter.finish();
    expect(events.map((event) => event.type)).toEqual([
      'message_start',
      'message_delta',
      'message_stop',
    ]);
    expect(events[1]).toMatchObject({ delta: { stop_reason: 'end_turn' } });
    expect(converter.finish()).toEqual([]);
    expect(converter.push(chunk({ content: 'late' }))).toEqual([]);
  });

  it('maps length and content_filter, and treats refusal text as text', () => {
    const cut = convert([chunk({ content: 'Par' }), chunk({}, 'length')]);
    expect(cut.at(-2)).toMatchObject({ delta: { stop_reason: 'max_tokens' } });
    const refused = convert([chunk({ refusal: 'I cannot help.' }), chunk({}, 'content_filter')]);
    expect(refused).toContainEqual({
      type: 'content_block_delta',
      index: 0,
      delta: { type: 'text_delta', text: 'I cannot help.' },
    });
    expect(refused.at(-2)).toMatchObject({ delta: { stop_reason: 'refusal' } });
  });

  it('frames events as Anthropic SSE with the event name', () => {
    expect(formatAnthropicSseEvent({ type: 'message_stop' })).toBe(
      'event: message_stop\ndata: {"type":"message_stop"}\n\n',
    );
  });
});
