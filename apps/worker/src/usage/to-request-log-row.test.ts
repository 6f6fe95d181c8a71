import { Prisma } from '@switchyard/db';
import { usageEventSchema } from '@switchyard/usage';
import { describe, expect, it } from 'vitest';
import { usageEvent } from '../__fixtures__/usage-events.js';
import { toRequestLogRow } from './to-request-log-row.js';

const parse = (overrides: Parameters<typeof usageEvent>[0]) =>
  usageEventSchema.parse(usageEvent(overrides));

describe('toRequestLogRow', () => {
  it('maps the event, with the cost as bigint and the event time as createdAt', () => {
    const row = toRequestLogRow(
      parse({
        requestId: 'r1',
        attempts: [
          {
            deploymentId: 'd1',
            provider: 'openai',
            model: 'gpt-4o',
            status: 429,
            code: 'upstream_rate_limited',
            latencyMs: 30,
          },
          { deploymentId: 'd2', provider: 'azure', model: 'gpt-4o', status: 200, latencyMs: 90 },
        ],
      }),
      undefined,
    );
    expect(row).toMatchObject({
      id: 'r1',
      costNanoUsd: 4_375_000n,
      attempts: 2,
      createdAt: new Date('2026-03-17T10:15:00.000Z'),
      failoverReasons: [expect.objectContaining({ deploymentId: 'd1', status: 429 })],
    });
    expect(row.promptBody).toBeUndefined();
  });

  it('keeps the catalog model and the reserved budgets, so the request can be re-costed later', () => {
    const row = toRequestLogRow(
      parse({ requestId: 'r3', modelId: 'model-1', budgetIds: ['b1', 'b2', 'b1'] }),
      undefined,
    );
    expect(row).toMatchObject({ modelId: 'model-1', budgetIds: ['b1', 'b2'] });
    expect(toRequestLogRow(parse({ requestId: 'r4' }), undefined)).toMatchObject({
      modelId: null,
      budgetIds: [],
    });
  });

  it('stores bodies only with a retention, expiring them after it', () => {
    const event = parse({
      requestId: 'r2',
      payload: { prompt: [{ role: 'user', content: 'hi' }], completion: null },
    });
    expect(toRequestLogRow(event, undefined).promptBody).toBeUndefined();
    expect(toRequestLogRow(event, { retentionDays: 0 }).promptBody).toBeUndefined();
    const kept = toRequestLogRow(event, { retentionDays: 7 });
    expect(kept.promptBody).toEqual([{ role: 'user', content: 'hi' }]);
    expect(kept.completionBody).toBe(Prisma.JsonNull);
    expect(kept.bodyExpiresAt).toEqual(new Date('2026-03-24T10:15:00.000Z'));
  });
});
