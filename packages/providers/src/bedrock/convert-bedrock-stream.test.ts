import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { StreamConverter, UpstreamTarget } from '../spec/adapter.js';
import type { ChatCompletionChunk } from '../spec/chat-response.js';
import { bedrockAdapter } from './bedrock-adapter.js';
import {
  bedrockEvent,
  bedrockException,
  concatBytes,
  streamRecordedConverse,
} from './__fixtures__/encode-aws-eventstream.js';

const target: UpstreamTarget = {
  provider: 'bedrock',
  baseUrl: '',
  apiKey: 'secret',
  model: 'anthropic.claude-3-5-sonnet-20240620-v1:0',
  region: 'us-east-1',
};
const streamOptions = { responseId: 'chatcmpl-test', created: 1767323045 };
const base = {
  id: 'chatcmpl-test',
  object: 'chat.completion.chunk',
  created: 1767323045,
  model: 'anthropic.claude-3-5-sonnet-20240620-v1:0',
};

const recorded = (name: string) =>
  JSON.parse(readFileSync(new URL(`./__fixtures__/${name}`, import.meta.url), 'utf8'));
const newConverter = () => bedrockAdapter.createChatStreamConverter(target, streamOptions);

/** Feeds the bytes cut at the given sizes in turn (cycling), then finishes. */
function replay(
  bytes: Uint8Array,
  sizes: readonly number[],
  converter: StreamConverter = newConverter(),
) {
  const chunks: ChatCompletionChunk[] = [];
  let offset = 0;
  for (let turn = 0; offset < bytes.length; turn++) {
    const size = sizes[turn % sizes.length] ?? 1;
    chunks.push(...converter.push(bytes.subarray(offset, offset + size)));
    offset += size;
  }
  chunks.push(...converter.finish());
  return { chunks, converter };
}

/** Joins streamed deltas back into one message, to compare with the non-streaming mapper. */
function assemble(chunks: readonly ChatCompletionChunk[]) {
  let content = '';
  const calls: { id?: string; name?: string; arguments: string }[] = [];
  for (const choice of chunks.flatMap((chunk) => chunk.choices)) {
    content += choice.delta.content ?? '';
    for (const call of choice.delta.tool_calls ?? []) {
      const entry = (calls[call.index] ??= { arguments: '' });
      if (call.id) entry.id = call.id;
      if (call.function?.name) entry.name = call.function.name;
      entry.arguments += call.function?.arguments ?? '';
    }
  }
  return { content, calls };
}

describe('Bedrock ConverseStream converter', () => {
  const oddSplits = [1, 7, 3, 29, 64, 5, 113];

  it('replays the recorded text answer framed as an event stream and split at odd offsets', () => {
    const text = recorded('amazon-bedrock-text.json');
    const { chunks, converter } = replay(concatBytes(streamRecordedConverse(text, 40)), oddSplits);
    const message: string = text.output.message.content[0].text;
    expect(chunks).toEqual([
      {
        ...base,
        choices: [{ index: 0, delta: { role: 'assistant', content: '' }, finish_reason: null }],
      },
      {
        ...base,
        choices: [{ index: 0, delta: { content: message.slice(0, 40) }, finish_reason: null }],
      },
      {
        ...base,
        choices: [{ index: 0, delta: { content: message.slice(40, 80) }, finish_reason: null }],
      },
      {
        ...base,
        choices: [{ index: 0, delta: { content: message.slice(80) }, finish_reason: null }],
      },
      { ...base, choices: [{ index: 0, delta: {}, finish_reason: 'stop' }] },
      {
        ...base,
        choices: [],
        usage: {
          prompt_tokens: 22,
          completion_tokens: 57,
          total_tokens: 79,
          prompt_tokens_details: { cached_tokens: 0 },
          completion_tokens_details: { reasoning_tokens: 0 },
        },
      },
    ]);
    expect(assemble(chunks).content).toBe(message);
    expect(converter.usage).toEqual({
      inputTokens: 22,
      outputTokens: 57,
      cacheReadTokens: 0,
      cacheWriteTokens: 0,
      reasoningTokens: 0,
    });
    expect(converter.servedModel).toBeUndefined();
  });

  it('replays the recorded tool call as an id/name delta followed by partial JSON arguments', () => {
    const toolCall = recorded('amazon-bedrock-tool-call.1.json');
    const { chunks } = replay(concatBytes(streamRecordedConverse(toolCall, 8)), [13, 2, 41]);
    expect(chunks).toEqual([
      {
        ...base,
        choices: [{ index: 0, delta: { role: 'assistant', content: '' }, finish_reason: null }],
      },
      {
        ...base,
        choices: [
          {
            index: 0,
            delta: {
              tool_calls: [
                {
                  index: 0,
                  id: 'tool-use-id',
                  type: 'function',
                  function: { name: 'bash', arguments: '' },
                },
              ],
            },
            finish_reason: null,
          },
        ],
      },
      ...['{"comman', 'd":"ls -', 'l"}'].map((piece) => ({
        ...base,
        choices: [
          {
            index: 0,
            delta: { tool_calls: [{ index: 0, function: { arguments: piece } }] },
            finish_reason: null,
          },
        ],
      })),
      { ...base, choices: [{ index: 0, delta: {}, finish_reason: 'tool_calls' }] },
      {
        ...base,
        choices: [],
        usage: {
          prompt_tokens: 10,
          completion_tokens: 20,
          total_tokens: 30,
          prompt_tokens_details: { cached_tokens: 0 },
          completion_tokens_details: { reasoning_tokens: 0 },
        },
      },
    ]);
    // The stream and the non-streaming mapper agree on the same recorded answer.
    const nonStreaming = bedrockAdapter.mapChatResponse(toolCall, target).body.choices[0]?.message
      .tool_calls;
    expect(assemble(chunks).calls).toEqual(
      nonStreaming?.map((call) => ({
        id: call.id,
        name: call.function.name,
        arguments: call.function.arguments,
      })),
    );
  });

  it('numbers several tool calls in one message and forwards reasoning text', () => {
    const frames = [
      bedrockEvent('messageStart', { role: 'assistant' }),
      bedrockEvent('contentBlockDelta', {
        contentBlockIndex: 0,
        delta: { reasoningContent: { text: 'Hmm.' } },
      }),
      bedrockEvent('contentBlockDelta', {
        contentBlockIndex: 0,
        delta: { reasoningContent: { signature: 'sig' } },
      }),
      bedrockEvent('contentBlockStart', {
        contentBlockIndex: 1,
        start: { toolUse: { toolUseId: 'a', name: 'f' } },
      }),
      bedrockEvent('contentBlockStart', {
        contentBlockIndex: 2,
        start: { toolUse: { toolUseId: 'b', name: 'g' } },
      }),
      bedrockEvent('contentBlockDelta', {
        contentBlockIndex: 2,
        delta: { toolUse: { input: '{}' } },
      }),
    ];
    const chunks = newConverter().push(concatBytes(frames));
    expect(chunks.map((chunk) => chunk.choices[0]?.delta)).toEqual([
      { role: 'assistant', content: '' },
      { reasoning_content: 'Hmm.' },
      {
        tool_calls: [
          { index: 0, id: 'a', type: 'function', function: { name: 'f', arguments: '' } },
        ],
      },
      {
        tool_calls: [
          { index: 1, id: 'b', type: 'function', function: { name: 'g', arguments: '' } },
        ],
      },
      { tool_calls: [{ index: 1, function: { arguments: '{}' } }] },
    ]);
  });

  it('throws upstream_stream_truncated when the stream stops before messageStop or metadata', () => {
    const frames = streamRecordedConverse(recorded('amazon-bedrock-text.json'));
    for (const [kept, detail] of [
      [frames.length - 2, /before messageStop/],
      [frames.length - 1, /before the metadata event/],
    ] as const) {
      const converter = newConverter();
      converter.push(concatBytes(frames.slice(0, kept)));
      expect(() => converter.finish()).toThrow(
        expect.objectContaining({
          code: 'upstream_stream_truncated',
          status: 502,
          fault: 'provider',
          retryable: true,
        }),
      );
      expect(() => converter.finish()).toThrow(detail);
    }
  });

  it('throws upstream_stream_truncated when the connection dies inside a frame', () => {
    const bytes = concatBytes(streamRecordedConverse(recorded('amazon-bedrock-text.json')));
    const converter = newConverter();
    converter.push(bytes.subarray(0, bytes.length - 3));
    expect(() => converter.finish()).toThrow(/in the middle of a frame/);
  });

  it('turns an in-stream exception frame into the mapped UpstreamError', () => {
    const converter = newConverter();
    const frames = [
      bedrockEvent('messageStart', { role: 'assistant' }),
      bedrockException('throttlingException', 'Too many tokens, please wait before trying again.'),
    ];
    expect(() => replay(concatBytes(frames), [5], converter)).toThrow(
      expect.objectContaining({
        code: 'upstream_rate_limited',
        status: 429,
        providerCode: 'ThrottlingException',
        message: 'Amazon Bedrock: Too many tokens, please wait before trying again.',
      }),
    );
    expect(() =>
      newConverter().push(bedrockException('validationException', 'Bad input.')),
    ).toThrow(
      expect.objectContaining({ code: 'upstream_bad_request', status: 400, fault: 'caller' }),
    );
    expect(() =>
      newConverter().push(bedrockException('modelStreamErrorException', 'Model broke.')),
    ).toThrow(
      expect.objectContaining({ code: 'upstream_server_error', status: 502, retryable: true }),
    );
  });

  it('reports a corrupted frame as a provider fault', () => {
    const frame = bedrockEvent('messageStart', { role: 'assistant' }).slice();
    frame[frame.length - 6] = (frame[frame.length - 6] ?? 0) ^ 0x20;
    expect(() => newConverter().push(frame)).toThrow(
      expect.objectContaining({ code: 'upstream_server_error', status: 502, fault: 'provider' }),
    );
  });
});
