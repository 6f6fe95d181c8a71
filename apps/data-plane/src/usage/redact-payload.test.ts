import { describe, expect, it } from 'vitest';
import { redactPayload } from './redact-payload.js';

describe('redactPayload', () => {
  it('removes emails, card numbers and API keys from every string, keeping the structure', () => {
    const payload = {
      messages: [
        {
          role: 'user',
          content:
            'Mail jane.doe@example.com, card 4111 1111 1111 1111, key sk-proj-abcdefghijklmnop1234',
        },
        {
          role: 'user',
          content: [
            {
              type: 'text',
              text: 'aws AKIAIOSFODNN7EXAMPLE and Bearer abcdefghijklmnopqrstuvwxyz',
            },
          ],
        },
      ],
      temperature: 0.2,
    };
    expect(redactPayload(payload)).toEqual({
      messages: [
        {
          role: 'user',
          content: 'Mail [REDACTED:email], card [REDACTED:card], key [REDACTED:api-key]',
        },
        {
          role: 'user',
          content: [{ type: 'text', text: 'aws [REDACTED:aws-key] and [REDACTED:bearer]' }],
        },
      ],
      temperature: 0.2,
    });
  });

  it('applies configured extra patterns and leaves clean text alone', () => {
    expect(redactPayload('order ORD-12345 shipped', [/ORD-\d+/g])).toBe('order [REDACTED] shipped');
    expect(redactPayload('nothing secret here')).toBe('nothing secret here');
  });
});
