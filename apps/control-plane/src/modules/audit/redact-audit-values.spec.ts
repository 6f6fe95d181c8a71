import { describe, expect, it } from 'vitest';
import { auditDiff, toRedactedJson } from './redact-audit-values.js';

describe('audit redaction', () => {
  it('drops secret-named fields at any depth and makes values JSON-safe', () => {
    const value = {
      id: 'k1',
      keyHash: 'abc',
      prefix: 'sy-1234',
      limit: 10n,
      at: new Date('2025-01-01T00:00:00Z'),
      metadata: { nested: { token: 'x', password: 'y', keep: 1 } },
      credentialsCiphertext: '{}',
      signingSecretKeyId: 'k',
      tokensPerMinute: 5,
      apiKeyId: 'key-id',
    };
    expect(toRedactedJson(value)).toEqual({
      id: 'k1',
      prefix: 'sy-1234',
      limit: '10',
      at: '2025-01-01T00:00:00.000Z',
      metadata: { nested: { keep: 1 } },
      tokensPerMinute: 5,
      apiKeyId: 'key-id',
    });
  });

  it('keeps whole rows for creates and deletes, changed fields for updates', () => {
    const before = { id: 'a', name: 'old', scopes: [], updatedAt: new Date(1) };
    const after = { id: 'a', name: 'new', scopes: [], updatedAt: new Date(2) };
    expect(auditDiff(null, after)).toEqual({
      before: null,
      after: { id: 'a', name: 'new', scopes: [] },
    });
    expect(auditDiff(before, null)).toEqual({
      before: { id: 'a', name: 'old', scopes: [] },
      after: null,
    });
    expect(auditDiff(before, after)).toEqual({ before: { name: 'old' }, after: { name: 'new' } });
  });
});
