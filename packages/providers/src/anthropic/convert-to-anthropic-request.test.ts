import { describe, expect, it } from 'vitest';
import type { UpstreamTarget } from '../spec/adapter.js';
import { chatCompletionRequestSchema } from '../spec/chat-request.js';
import { convertToAnthropicRequest } from './convert-to-anthropic-request.js';

const target: UpstreamTarget = {
  provider: 'anthropic',
  baseUrl: 'https://api.anthropic.com',
  apiKey: 'k',
  model: 'claude-haiku-4-5',
};
const hello = [{ role: 'user', content: 'Hello' }];

function convert(fields: Record<string, unknown>, mode: 'reject' | 'drop' = 'reject', on = target) {
  return convertToAnthropicRequest(
    chatCompletionRequestSchema.parse({ model: 'claude', messages: hello, ...fields }),
    on,
    mode,
  );
}

describe('max_tokens (the one documented default)', () => {
  it('uses max_completion_tokens over max_tokens', () => {
    expect(convert({ max_tokens: 100, max_completion_tokens: 200 }).body.max_tokens).toBe(200);
    expect(convert({ max_tokens: 100 }).body.max_tokens).toBe(100);
  });

  it("falls back to the model's max output from the target, else 4096", () => {
    expect(convert({}).body.max_tokens).toBe(4096);
    const withCatalog = { ...target, options: { maxOutputTokens: '64000' } };
    expect(convert({}, 'reject', withCatalog).body.max_tokens).toBe(64000);
    const broken = { ...target, options: { maxOutputTokens: 'lots' } };
    expect(() => convert({}, 'reject', broken)).toThrow(
      expect.objectContaining({ code: 'invalid_target_config' }),
    );
  });

  it('sends nothing else the caller did not set', () => {
    expect(convert({}).body).toEqual({
      model: 'claude-haiku-4-5',
      max_tokens: 4096,
      messages: [{ role: 'user', content: 'Hello' }],
    });
  });
});

describe('unsupported parameters: refused by name, or dropped and reported', () => {
  const unsupported: [string, unknown][] = [
    ['n', 2],
    ['logprobs', true],
    ['top_logprobs', 2],
    ['logit_bias', { '50256': -100 }],
    ['seed', 7],
    ['presence_penalty', 0.5],
    ['frequency_penalty', -0.5],
    ['metadata', { team: 'a' }],
    ['store', true],
    ['service_tier', 'flex'],
    ['temperature', 1.5],
    ['x_custom_extension', true],
  ];

  it.each(unsupported)('refuses %s=%j with a 400 naming it', (param, value) => {
    expect(() => convert({ [param]: value })).toThrow(
      expect.objectContaining({ code: 'unsupported_parameter', status: 400, param }),
    );
  });

  it.each(unsupported)('drops %s=%j when the policy allows, and reports it', (param, value) => {
    const { body, dropped } = convert({ [param]: value }, 'drop');
    expect(dropped).toEqual([param]);
    expect(body).toEqual({
      model: 'claude-haiku-4-5',
      max_tokens: 4096,
      messages: [{ role: 'user', content: 'Hello' }],
    });
  });

  it('accepts the no-op values of parameters Anthropic lacks', () => {
    const { body, dropped } = convert({
      n: 1,
      logprobs: false,
      presence_penalty: 0,
      frequency_penalty: 0,
      store: false,
      stream_options: { include_usage: true },
    });
    expect(dropped).toEqual([]);
    expect(Object.keys(body).sort()).toEqual(['max_tokens', 'messages', 'model']);
  });

  it('refuses json_object and a json_schema without schema', () => {
    expect(() => convert({ response_format: { type: 'json_object' } })).toThrow(
      expect.objectContaining({ param: 'response_format' }),
    );
    expect(() =>
      convert({ response_format: { type: 'json_schema', json_schema: { name: 'x' } } }),
    ).toThrow(expect.objectContaining({ param: 'response_format' }));
    expect(convert({ response_format: { type: 'text' } }).body.output_config).toBeUndefined();
  });
});

describe('sampling and other scalar parameters', () => {
  it('passes temperature (0–1), top_p and top_k through unchanged', () => {
    const { body } = convert({ temperature: 0.2, top_p: 0.9, top_k: 40 });
    expect(body).toMatchObject({ temperature: 0.2, top_p: 0.9, top_k: 40 });
    expect(() => convert({ top_k: 1.5 })).toThrow(expect.objectContaining({ param: 'top_k' }));
  });

  it('wraps a single stop string, maps user and service tiers', () => {
    const { body } = convert({ stop: 'END', user: 'u-1', service_tier: 'default' });
    expect(body).toMatchObject({
      stop_sequences: ['END'],
      metadata: { user_id: 'u-1' },
      service_tier: 'standard_only',
    });
    expect(convert({ service_tier: 'auto' }).body.service_tier).toBe('auto');
  });
});

describe('tools and tool_choice', () => {
  const tools = [{ type: 'function', function: { name: 'ping' } }];

  it('gives a parameterless tool an empty object schema and passes strict: true', () => {
    const strictTool = {
      type: 'function',
      function: { name: 'get', parameters: { type: 'object', properties: {} }, strict: true },
    };
    expect(convert({ tools: [...tools, strictTool] }).body.tools).toEqual([
      { name: 'ping', input_schema: { type: 'object', properties: {} } },
      { name: 'get', input_schema: { type: 'object', properties: {} }, strict: true },
    ]);
  });

  it.each([
    ['auto', { type: 'auto' }],
    ['none', { type: 'none' }],
    ['required', { type: 'any' }],
    [
      { type: 'function', function: { name: 'ping' } },
      { type: 'tool', name: 'ping' },
    ],
  ])('maps tool_choice %j to %j', (choice, expected) => {
    expect(convert({ tools, tool_choice: choice }).body.tool_choice).toEqual(expected);
  });

  it('puts parallel_tool_calls: false on tool_choice, adding auto when none was given', () => {
    expect(convert({ tools, parallel_tool_calls: false }).body.tool_choice).toEqual({
      type: 'auto',
      disable_parallel_tool_use: true,
    });
    expect(
      convert({ tools, tool_choice: 'required', parallel_tool_calls: false }).body.tool_choice,
    ).toEqual({
      type: 'any',
      disable_parallel_tool_use: true,
    });
    expect(
      convert({ tools, tool_choice: 'none', parallel_tool_calls: false }).body.tool_choice,
    ).toEqual({
      type: 'none',
    });
    expect(convert({ parallel_tool_calls: false }).body.tool_choice).toBeUndefined();
    expect(convert({ tools, parallel_tool_calls: true }).body.tool_choice).toBeUndefined();
  });

  it('keeps cache_control on tool definitions and validates it', () => {
    const cached = [{ ...tools[0], cache_control: { type: 'ephemeral' } }];
    expect(convert({ tools: cached }).body.tools?.[0]?.cache_control).toEqual({
      type: 'ephemeral',
    });
    const bad = [{ ...tools[0], cache_control: { type: 'forever' } }];
    expect(() => convert({ tools: bad })).toThrow(
      expect.objectContaining({ param: 'tools[0].cache_control' }),
    );
  });
});

describe('reasoning_effort → thinking', () => {
  it.each([
    ['low', 10_000, 1_024],
    ['low', 20_000, 2_000],
    ['medium', 10_000, 3_000],
    ['high', 10_000, 6_000],
    ['xhigh', 10_000, 8_000],
    ['max', 10_000, 9_500],
  ])('%s with max_tokens %i → budget_tokens %i', (effort, maxTokens, budget) => {
    expect(convert({ reasoning_effort: effort, max_tokens: maxTokens }).body.thinking).toEqual({
      type: 'enabled',
      budget_tokens: budget,
    });
  });

  it('sends no thinking for none and minimal (off is the Anthropic default)', () => {
    expect(convert({ reasoning_effort: 'none' }).body.thinking).toBeUndefined();
    expect(convert({ reasoning_effort: 'minimal' }).body.thinking).toBeUndefined();
  });

  it('refuses (or drops) reasoning when max_tokens leaves no room for the 1024-token minimum', () => {
    expect(() => convert({ reasoning_effort: 'high', max_tokens: 1024 })).toThrow(
      expect.objectContaining({ param: 'reasoning_effort' }),
    );
    const { body, dropped } = convert({ reasoning_effort: 'high', max_tokens: 1024 }, 'drop');
    expect(dropped).toEqual(['reasoning_effort']);
    expect(body.thinking).toBeUndefined();
  });

  it('uses adaptive thinking plus output_config.effort on targets that declare it', () => {
    const adaptive = { ...target, options: { thinkingMode: 'adaptive' } };
    const { body } = convert(
      {
        reasoning_effort: 'xhigh',
        response_format: {
          type: 'json_schema',
          json_schema: { name: 'o', schema: { type: 'object' } },
        },
      },
      'reject',
      adaptive,
    );
    expect(body.thinking).toEqual({ type: 'adaptive' });
    expect(body.output_config).toEqual({
      effort: 'xhigh',
      format: { type: 'json_schema', schema: { type: 'object' } },
    });
  });
});
