import { describe, expect, it } from 'vitest';
import { computeCostNanoUsd } from './compute-cost.js';
import type { PricePeriod } from './price-types.js';
import { recostRequest, type LoggedRequestUsage } from './recost-request.js';

const prices: PricePeriod[] = [
  {
    effectiveFrom: '2026-01-01T00:00:00Z',
    effectiveTo: '2026-03-01T00:00:00Z',
    input: 2_000_000_000,
    output: 8_000_000_000,
  },
  // A price change on March 1st, with its own cache and reasoning rates.
  {
    effectiveFrom: '2026-03-01T00:00:00Z',
    input: 1_000_000_000,
    output: 4_000_000_000,
    cacheRead: 250_000_000,
    cacheWrite: 1_250_000_000,
    reasoning: 5_000_000_000,
  },
];
const usage: LoggedRequestUsage = {
  inputTokens: 1_000,
  outputTokens: 300,
  cacheReadTokens: 200,
  cacheWriteTokens: 100,
  reasoningTokens: 50,
  cacheHit: false,
};

describe('recostRequest', () => {
  it('costs a request exactly as the data plane does, at the price effective when it was received', () => {
    const before = new Date('2026-02-28T23:59:59.999Z');
    const after = new Date('2026-03-01T00:00:00.000Z');
    expect(recostRequest(usage, prices, before)).toEqual({
      kind: 'priced',
      costNanoUsd: computeCostNanoUsd(usage, prices, before).costNanoUsd,
    });
    // 700 input × 1 + 200 cache read × 0.25 + 100 cache write × 1.25 + 250 output × 4 + 50 × 5 µUSD.
    expect(recostRequest(usage, prices, after)).toEqual({
      kind: 'priced',
      costNanoUsd: 700_000n + 50_000n + 125_000n + 1_000_000n + 250_000n,
    });
  });

  it('charges nothing for a response-cache hit, whatever its tokens', () => {
    expect(recostRequest({ ...usage, cacheHit: true }, prices, new Date('2026-03-02Z'))).toEqual({
      kind: 'priced',
      costNanoUsd: 0n,
    });
  });

  it('skips a request no price covers or whose token counts contradict each other', () => {
    expect(recostRequest(usage, prices, new Date('2025-12-31T23:59:59Z'))).toEqual({
      kind: 'skipped',
      reason: 'no_price',
    });
    expect(recostRequest(usage, [], new Date('2026-03-02Z'))).toEqual({
      kind: 'skipped',
      reason: 'no_price',
    });
    expect(
      recostRequest({ ...usage, cacheReadTokens: 2_000 }, prices, new Date('2026-03-02Z')),
    ).toEqual({ kind: 'skipped', reason: 'invalid_usage' });
  });

  it('refuses a malformed price instead of hiding it as a skipped row', () => {
    const broken: PricePeriod[] = [{ effectiveFrom: '2026-01-01Z', input: -1, output: 0 }];
    expect(() => recostRequest(usage, broken, new Date('2026-03-02Z'))).toThrow(RangeError);
  });
});
