import { describe, expect, it } from 'vitest';
import { testProfile, testTarget } from './__fixtures__/test-profile.js';
import { feedInSlices, frameSse, thrownBy } from './__fixtures__/replay-sse.js';
import { OpenAiCompatibleStreamConverter } from './convert-openai-compatible-stream.js';
import type { OpenAiCompatibleProfile } from './openai-compatible-profile.js';

const converter = (overrides: Partial<OpenAiCompatibleProfile> = {}) =>
  new OpenAiCompatibleStreamConverter(testProfile(overrides), testTarget, {
    responseId: 'chatcmpl-gw',
    created: 99,
  });
const chunk = (choices: unknown[], extra: Record<string, unknown> = {}) =>
  JSON.stringify({ id: 'up-1', created: 5, model: 'acme-large-1', choices, ...extra });
const encode = (text: string) => new TextEncoder().encode(text);

describe('OpenAiCompatibleStreamConverter', () => {
  it('assigns indexes by order when the provider omits them, keeping ids stable', () => {
    const chunks = feedInSlices(
      converter(),
      frameSse([
        chunk([
          {
            index: 0,
            delta: {
              tool_calls: [
                { id: 'a', type: 'function', function: { name: 'f', arguments: '{"x"' } },
              ],
            },
          },
        ]),
        chunk([{ index: 0, delta: { tool_calls: [{ function: { arguments: ':1}' } }] } }]),
        chunk([
          {
            index: 0,
            delta: {
              tool_calls: [{ id: 'b', type: 'function', function: { name: 'g', arguments: '{}' } }],
            },
          },
        ]),
        chunk([{ index: 0, delta: { tool_calls: [{ id: 'b', function: { arguments: '' } }] } }]),
        chunk([{ index: 0, delta: {}, finish_reason: 'tool_calls' }]),
      ]),
      9,
    );
    expect(chunks.map((item) => item.choices[0]?.delta.tool_calls)).toEqual([
      [{ index: 0, id: 'a', type: 'function', function: { name: 'f', arguments: '{"x"' } }],
      [{ index: 0, function: { arguments: ':1}' } }],
      [{ index: 1, id: 'b', type: 'function', function: { name: 'g', arguments: '{}' } }],
      [{ index: 1, id: 'b', function: { arguments: '' } }],
      undefined,
    ]);
  });

  it('derives an id for a call whose first fragment has none', () => {
    const chunks = converter().push(
      frameSse(
        [chunk([{ index: 0, delta: { tool_calls: [{ index: 2, function: { name: 'f' } }] } }])],
        { done: false },
      ),
    );
    expect(chunks[0]?.choices[0]?.delta.tool_calls).toEqual([
      { index: 2, id: 'call_chatcmpl-gw_0_2', type: 'function', function: { name: 'f' } },
    ]);
  });

  it('uses the gateway id, time and target model when the provider gives none', () => {
    const chunks = converter().push(encode('data: {"choices":[{"delta":{"content":"x"}}]}\n\n'));
    expect(chunks).toEqual([
      {
        id: 'chatcmpl-gw',
        object: 'chat.completion.chunk',
        created: 99,
        model: 'acme-large',
        choices: [{ index: 0, delta: { content: 'x' }, finish_reason: null }],
      },
    ]);
  });

  it('holds an in-stream error back until the chunks before it were returned', () => {
    const stream = converter();
    const chunks = stream.push(
      frameSse(
        [
          chunk([{ index: 0, delta: { content: 'a' } }]),
          '{"error":{"message":"lost","type":"server_error"}}',
        ],
        {
          done: false,
        },
      ),
    );
    expect(chunks).toHaveLength(1);
    expect(thrownBy(() => stream.push(encode('data: [DONE]\n\n')))).toMatchObject({
      message: 'Acme: lost',
    });
  });

  it('throws on an `event: error` line and on data that is not JSON', () => {
    expect(
      thrownBy(() => converter().push(encode('event: error\ndata: {"message":"bad"}\n\n'))),
    ).toMatchObject({
      code: 'upstream_server_error',
    });
    expect(thrownBy(() => converter().push(encode('data: {oops\n\n')))).toMatchObject({
      code: 'upstream_invalid_response',
    });
  });

  it('emits no usage chunk when the provider reported none, and ignores events after [DONE]', () => {
    const stream = converter();
    const chunks = feedInSlices(
      stream,
      encode(
        `data: ${chunk([{ index: 0, delta: {}, finish_reason: 'stop' }])}\n\ndata: [DONE]\n\ndata: {"error":{}}\n\n`,
      ),
      4,
    );
    expect(chunks.map((item) => item.choices.length)).toEqual([1]);
    expect(stream.usage.inputTokens).toBe(0);
  });

  it('accepts a clean end without [DONE] when every choice finished, for providers that send none', () => {
    const lines = [
      chunk([{ index: 0, delta: { content: 'a' } }]),
      chunk([{ index: 0, delta: {}, finish_reason: 'stop' }], {
        usage: { prompt_tokens: 1, completion_tokens: 1 },
      }),
    ];
    const chunks = feedInSlices(
      converter({ streamTerminator: 'finish-reason' }),
      frameSse(lines, { done: false }),
      7,
    );
    expect(chunks.at(-1)).toMatchObject({
      choices: [],
      usage: { prompt_tokens: 1, completion_tokens: 1, total_tokens: 2 },
    });
    const cut = converter({ streamTerminator: 'finish-reason' });
    cut.push(frameSse(lines.slice(0, 1), { done: false }));
    expect(thrownBy(() => cut.finish())).toMatchObject({ code: 'upstream_stream_truncated' });
  });

  it('routes interleaved choices of n>1 by their index', () => {
    const chunks = converter().push(
      frameSse(
        [
          chunk([
            { index: 1, delta: { content: 'B' } },
            { index: 0, delta: { content: 'A' } },
          ]),
        ],
        { done: false },
      ),
    );
    expect(chunks[0]?.choices.map((choice) => [choice.index, choice.delta.content])).toEqual([
      [1, 'B'],
      [0, 'A'],
    ]);
  });

  it('throws when a choice finishes with error', () => {
    const stream = converter({ finishReasons: { error: 'error' } });
    expect(
      thrownBy(() =>
        stream.push(frameSse([chunk([{ index: 0, delta: {}, finish_reason: 'error' }])])),
      ),
    ).toMatchObject({
      code: 'upstream_server_error',
    });
  });

  it('flushes a final [DONE] that was not followed by a blank line', () => {
    const stream = converter();
    stream.push(
      encode(
        `data: ${chunk([{ index: 0, delta: { content: 'a' }, finish_reason: 'stop' }])}\n\ndata: [DONE]`,
      ),
    );
    expect(stream.finish()).toEqual([]);
    expect(stream.servedModel).toBe('acme-large-1');
  });
});
