import { describe, expect, it } from 'vitest';
import { aggregateUsageRollups, bucketStart, type LoggedUsage } from './aggregate-usage-rollups.js';

const log = (overrides: Partial<LoggedUsage>): LoggedUsage => ({
  tenantId: 't',
  apiKeyId: 'k',
  provider: 'openai',
  servedModel: 'gpt-4o-2024-08-06',
  requestedModel: 'gpt-4o',
  tags: [],
  status: 200,
  inputTokens: 10,
  outputTokens: 5,
  cacheReadTokens: 1,
  cacheWriteTokens: 2,
  reasoningTokens: 3,
  costNanoUsd: 1_000n,
  createdAt: new Date('2026-03-17T10:15:00Z'),
  ...overrides,
});

describe('aggregateUsageRollups', () => {
  it('buckets by UTC hour and day', () => {
    const at = new Date('2026-03-17T10:59:59.999Z');
    expect(bucketStart(at, 'hour').toISOString()).toBe('2026-03-17T10:00:00.000Z');
    expect(bucketStart(at, 'day').toISOString()).toBe('2026-03-17T00:00:00.000Z');
  });

  it('sums exactly in bigint, per dimension tuple', () => {
    const rows = aggregateUsageRollups(
      [
        log({ costNanoUsd: 9_007_199_254_740_993n }),
        log({ costNanoUsd: 7n, status: 502 }),
        log({ apiKeyId: null, costNanoUsd: 1n }),
      ],
      'hour',
    );
    expect(rows).toHaveLength(2);
    const keyed = rows.find((row) => row.apiKeyId === 'k');
    expect(keyed).toMatchObject({
      requestCount: 2n,
      errorCount: 1n,
      inputTokens: 20n,
      reasoningTokens: 6n,
      costNanoUsd: 9_007_199_254_741_000n,
      tag: '',
      model: 'gpt-4o-2024-08-06',
    });
    expect(rows.find((row) => row.apiKeyId === '')?.costNanoUsd).toBe(1n);
  });

  it('writes one row per tag, untagged under the empty tag, and ignores repeated tags', () => {
    const rows = aggregateUsageRollups([log({ tags: ['a', 'b', 'a'] }), log({ tags: [] })], 'day');
    expect(rows.map((row) => [row.tag, row.requestCount])).toEqual([
      ['', 1n],
      ['a', 1n],
      ['b', 1n],
    ]);
  });

  it('uses the requested model when nothing was served', () => {
    const [row] = aggregateUsageRollups(
      [log({ servedModel: null, provider: null, status: 429 })],
      'day',
    );
    expect(row).toMatchObject({ model: 'gpt-4o', provider: '', errorCount: 1n });
  });
});
