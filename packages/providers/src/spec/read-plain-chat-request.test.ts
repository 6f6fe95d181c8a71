import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { chatCompletionRequestSchema } from './chat-request.js';
import { readPlainChatRequest } from './read-plain-chat-request.js';

const anyValue = fc.oneof(
  fc.string({ maxLength: 6 }),
  fc.constant(''),
  fc.boolean(),
  fc.constant(null),
  fc.integer({ min: -3, max: 300 }),
  fc.double({ min: -3, max: 3 }),
  fc.constant(2 ** 53),
  fc.constant(Number.NaN),
  fc.constant(Number.POSITIVE_INFINITY),
  fc.constant({ include_usage: true }),
  fc.constant({ include_usage: 'yes' }),
  fc.constant({ include_usage: false, extra: 1 }),
  fc.constant([]),
);

const message = fc.record(
  {
    role: fc.constantFrom('system', 'developer', 'user', 'assistant', 'tool', 'function', 7),
    content: fc.oneof(
      fc.string({ maxLength: 8 }),
      fc.constant(null),
      fc.constant([{ type: 'text', text: 'hi' }]),
      fc.integer(),
    ),
    name: fc.oneof(fc.string({ maxLength: 4 }), fc.integer()),
    tool_call_id: fc.string({ maxLength: 4 }),
    toString: fc.constant(1),
  },
  { requiredKeys: [] },
);

const body = fc.record(
  {
    model: fc.oneof(fc.string({ maxLength: 6 }), fc.constant(''), fc.integer()),
    messages: fc.oneof(fc.array(message, { maxLength: 3 }), fc.constant('hi')),
    stream: anyValue,
    temperature: anyValue,
    top_p: anyValue,
    max_tokens: anyValue,
    max_completion_tokens: anyValue,
    seed: anyValue,
    user: anyValue,
    stream_options: anyValue,
    n: anyValue,
    tools: fc.constant([]),
    toString: anyValue,
    constructor: anyValue,
  },
  { requiredKeys: [] },
);

const plainMessage = fc.record(
  {
    role: fc.constantFrom('system', 'developer', 'user', 'assistant'),
    content: fc.string({ maxLength: 8 }),
    name: fc.string({ maxLength: 4 }),
  },
  { requiredKeys: ['role', 'content'] },
);

const plainBody = fc.record(
  {
    model: fc.string({ minLength: 1, maxLength: 6 }),
    messages: fc.array(plainMessage, { minLength: 1, maxLength: 3 }),
    stream: fc.option(fc.boolean()),
    temperature: fc.option(fc.double({ min: 0, max: 2, noNaN: true })),
    top_p: fc.option(fc.double({ min: 0, max: 1, noNaN: true })),
    max_tokens: fc.option(fc.integer({ min: 1, max: 100_000 })),
    seed: fc.option(fc.integer()),
    user: fc.option(fc.string({ maxLength: 4 })),
    stream_options: fc.option(fc.record({ include_usage: fc.boolean() }, { requiredKeys: [] })),
  },
  { requiredKeys: ['model', 'messages'] },
);

/** A plain body with, half of the time, one field (top-level or in a message) set to anything. */
const nearlyPlainBody = fc
  .tuple(
    plainBody,
    fc.boolean(),
    fc.constantFrom(
      'model',
      'messages',
      'stream',
      'temperature',
      'max_tokens',
      'seed',
      'n',
      'user',
    ),
    fc.constantFrom('role', 'content', 'name', 'refusal'),
    anyValue,
  )
  .map(([candidate, inMessage, key, messageKey, value]) => {
    const copy = structuredClone(candidate) as Record<string, unknown> & {
      messages: Record<string, unknown>[];
    };
    if (inMessage) copy.messages[0]![messageKey] = value;
    else copy[key] = value;
    return copy;
  });

describe('readPlainChatRequest', () => {
  it('accepts only bodies the schema accepts, and returns exactly what the schema returns', () => {
    let accepted = 0;
    fc.assert(
      fc.property(fc.oneof(body, plainBody, nearlyPlainBody), (candidate) => {
        const plain = readPlainChatRequest(candidate);
        if (plain === undefined) return;
        accepted++;
        const parsed = chatCompletionRequestSchema.safeParse(candidate);
        expect(parsed.success).toBe(true);
        expect(plain).toEqual(parsed.data);
      }),
      { numRuns: 20_000, seed: 20261125 },
    );
    // The property must not hold vacuously.
    expect(accepted).toBeGreaterThan(100);
  });

  it('takes the common request shapes', () => {
    for (const request of [
      { model: 'gpt-4.1', messages: [{ role: 'user', content: 'Hello' }] },
      {
        model: 'fast',
        stream: true,
        stream_options: { include_usage: true },
        temperature: 0.2,
        max_tokens: 64,
        user: 'u-1',
        messages: [
          { role: 'system', content: 'Be brief.' },
          { role: 'user', content: 'Hi', name: 'ada' },
          { role: 'assistant', content: 'Hello.' },
          { role: 'user', content: 'Again' },
        ],
      },
    ])
      expect(readPlainChatRequest(request)).toBe(request);
  });

  it('leaves everything else to the schema', () => {
    for (const request of [
      { model: 'm', messages: [{ role: 'user', content: [{ type: 'text', text: 'hi' }] }] },
      { model: 'm', messages: [{ role: 'tool', content: 'x', tool_call_id: 'c' }] },
      { model: 'm', messages: [{ role: 'user', content: 'x' }], tools: [] },
      { model: 'm', messages: [{ role: 'user', content: 'x' }], temperature: 3 },
      { model: 'm', messages: [{ role: 'user', content: 'x' }], toString: 1 },
      { model: 'm', messages: [] },
      { model: '', messages: [{ role: 'user', content: 'x' }] },
    ])
      expect(readPlainChatRequest(request)).toBeUndefined();
  });
});
