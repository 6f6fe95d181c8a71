import { describe, expect, it } from 'vitest';
import {
  wireChatChunkSchema,
  wireChatResponseSchema,
  wireErrorEnvelopeSchema,
} from './openai-compatible-api.js';

describe('OpenAI-compatible wire schemas', () => {
  it('keep provider extras and accept nulls where OpenAI omits fields', () => {
    const chunk = wireChatChunkSchema.parse({
      id: 'c',
      choices: [{ index: 0, delta: { content: null, tool_calls: null }, finish_reason: null }],
      usage: null,
      x_groq: { id: 'req' },
      obfuscation: 'pad',
    });
    expect(chunk['x_groq']).toEqual({ id: 'req' });
  });

  it('tolerate a non-string reasoning field instead of failing the whole chunk', () => {
    const chunk = wireChatChunkSchema.parse({
      choices: [{ delta: { reasoning: { summary: 'x' } } }],
    });
    expect(chunk.choices?.[0]?.delta?.reasoning).toBeNull();
  });

  it('require the fields a response cannot do without', () => {
    expect(
      wireChatResponseSchema.safeParse({ id: 'r', choices: [{ index: 0, message: {} }] }).success,
    ).toBe(true);
    expect(wireChatResponseSchema.safeParse({ choices: [] }).success).toBe(false);
  });

  it('read both object and string errors', () => {
    expect(wireErrorEnvelopeSchema.parse({ error: 'Unauthorized' }).error).toBe('Unauthorized');
    expect(
      wireErrorEnvelopeSchema.parse({ error: { message: 'm', code: 402 } }).error,
    ).toMatchObject({ code: 402 });
  });
});
