import { describe, expect, it } from 'vitest';
import { testProfile, testTarget } from './__fixtures__/test-profile.js';
import { thrownBy } from './__fixtures__/replay-sse.js';
import { convertOpenAiCompatibleResponse } from './convert-openai-compatible-response.js';

const profile = testProfile({ finishReasons: { error: 'error' } });
const response = (message: Record<string, unknown>, extra: Record<string, unknown> = {}) => ({
  id: 'r1',
  created: 10,
  model: 'acme-large-2026',
  choices: [{ index: 0, finish_reason: 'stop', message: { role: 'assistant', ...message } }],
  ...extra,
});

describe('convertOpenAiCompatibleResponse', () => {
  it('renders usage in OpenAI convention and reports the served model', () => {
    const mapped = convertOpenAiCompatibleResponse(
      response(
        { content: 'Hi' },
        { usage: { prompt_tokens: 4, completion_tokens: 2, total_tokens: 6 } },
      ),
      testTarget,
      profile,
    );
    expect(mapped).toEqual({
      body: {
        id: 'r1',
        object: 'chat.completion',
        created: 10,
        model: 'acme-large-2026',
        choices: [
          {
            index: 0,
            message: { role: 'assistant', content: 'Hi' },
            logprobs: null,
            finish_reason: 'stop',
          },
        ],
        usage: {
          prompt_tokens: 4,
          completion_tokens: 2,
          total_tokens: 6,
          prompt_tokens_details: { cached_tokens: 0 },
          completion_tokens_details: { reasoning_tokens: 0 },
        },
      },
      usage: {
        inputTokens: 4,
        outputTokens: 2,
        cacheReadTokens: 0,
        cacheWriteTokens: 0,
        reasoningTokens: 0,
      },
      servedModel: 'acme-large-2026',
    });
  });

  it('gives tool calls without id a derived id and re-encodes object arguments', () => {
    const mapped = convertOpenAiCompatibleResponse(
      response({
        content: null,
        tool_calls: [{ type: 'function', function: { name: 'f', arguments: { a: 1 } } }],
      }),
      testTarget,
      profile,
    );
    expect(mapped.body.choices[0]?.message.tool_calls).toEqual([
      { id: 'call_r1_0_0', type: 'function', function: { name: 'f', arguments: '{"a":1}' } },
    ]);
    expect(mapped.body).not.toHaveProperty('usage');
  });

  it('reads reasoning from the first declared field and joins array text content', () => {
    const mapped = convertOpenAiCompatibleResponse(
      response({
        content: [{ type: 'text', text: 'a' }, { type: 'image' }, { type: 'text', text: 'b' }],
        reasoning: 'why',
      }),
      testTarget,
      profile,
    );
    expect(mapped.body.choices[0]?.message).toEqual({
      role: 'assistant',
      content: 'ab',
      reasoning_content: 'why',
    });
  });

  it('throws the provider error of a 200 body that carries one', () => {
    expect(
      thrownBy(() =>
        convertOpenAiCompatibleResponse(
          { error: { message: 'nope', code: 503 } },
          testTarget,
          profile,
        ),
      ),
    ).toMatchObject({
      code: 'upstream_overloaded',
      message: 'Acme: nope',
    });
  });

  it('throws on a body without choices, and on finish_reason error', () => {
    expect(
      thrownBy(() => convertOpenAiCompatibleResponse({ id: 'x' }, testTarget, profile)),
    ).toMatchObject({
      code: 'upstream_invalid_response',
      status: 502,
    });
    const failed = response({ content: 'par' });
    failed.choices[0] = {
      ...failed.choices[0],
      finish_reason: 'error',
    } as (typeof failed.choices)[0];
    expect(
      thrownBy(() => convertOpenAiCompatibleResponse(failed, testTarget, profile)),
    ).toMatchObject({
      code: 'upstream_server_error',
    });
  });

  it("falls back to the target's model when the provider names none", () => {
    const mapped = convertOpenAiCompatibleResponse(
      response({ content: 'x' }, { model: '' }),
      testTarget,
      profile,
    );
    expect(mapped.servedModel).toBe('acme-large');
    expect(mapped.body.model).toBe('acme-large');
  });
});
