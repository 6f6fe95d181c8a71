import { describe, expect, it } from 'vitest';
import { parseAnthropicIngressRequest } from './anthropic-ingress-api.js';

const valid = {
  model: 'claude-sonnet-4-5',
  max_tokens: 1024,
  messages: [{ role: 'user', content: 'Hi' }],
};

describe('parseAnthropicIngressRequest', () => {
  it('accepts a minimal request and keeps unknown top-level fields', () => {
    expect(parseAnthropicIngressRequest({ ...valid, context_management: { edits: [] } })).toEqual({
      ...valid,
      context_management: { edits: [] },
    });
  });

  it.each([
    [
      { ...valid, max_tokens: undefined },
      'max_tokens',
      'max_tokens: Invalid input: expected number, received undefined',
    ],
    [
      { ...valid, temperature: 1.5 },
      'temperature',
      'temperature: Too big: expected number to be <=1',
    ],
    [{ ...valid, messages: [{ role: 'system', content: 'x' }] }, 'messages.0.role', undefined],
    [
      { ...valid, messages: [{ role: 'user', content: [{ type: 'video', url: 'x' }] }] },
      'messages.0.content.0.type',
      "messages.0.content.0.type: Invalid discriminator value. Expected 'text' | 'image' | 'document' | 'tool_use' | 'tool_result' | 'thinking' | 'redacted_thinking'",
    ],
    [
      {
        ...valid,
        messages: [
          {
            role: 'user',
            content: [
              { type: 'text', text: 'a' },
              { type: 'image', source: { type: 'base64', data: 'x' } },
            ],
          },
        ],
      },
      'messages.0.content.1.source.media_type',
      'messages.0.content.1.source.media_type: Invalid input: expected string, received undefined',
    ],
    [{ ...valid, tool_choice: { type: 'tool' } }, 'tool_choice.name', undefined],
  ])('rejects %j naming %s', (body, param, message) => {
    let caught: unknown;
    try {
      parseAnthropicIngressRequest(body);
    } catch (error) {
      caught = error;
    }
    expect(caught).toMatchObject({ code: 'invalid_request', status: 400, param });
    if (message) expect(caught).toMatchObject({ message });
  });

  it('rejects a body that is not an object', () => {
    expect(() => parseAnthropicIngressRequest('hello')).toThrow(
      expect.objectContaining({ code: 'invalid_request', param: undefined }),
    );
  });
});
