import { describe, expect, it } from 'vitest';
import { catalogCostCases } from './__fixtures__/catalog-cost-cases.js';
import { findCatalogModel } from './catalog.js';
import { computeCostNanoUsd, InvalidUsageError, worstCaseCostNanoUsd } from './compute-cost.js';
import type { PricePeriod, UsageTokens } from './price-types.js';
import { PriceNotFoundError } from './select-price.js';

const since2020 = '2020-01-01T00:00:00Z';
const at = new Date('2026-01-01T00:00:00Z');
const usage = (counts: Partial<UsageTokens>): UsageTokens => ({
  inputTokens: 0,
  outputTokens: 0,
  cacheReadTokens: 0,
  cacheWriteTokens: 0,
  reasoningTokens: 0,
  ...counts,
});
const flat = (rates: Omit<PricePeriod, 'effectiveFrom'>): PricePeriod[] => [
  { effectiveFrom: since2020, ...rates },
];

describe('computeCostNanoUsd with the catalog', () => {
  it.each(catalogCostCases)('$name', (testCase) => {
    const model = findCatalogModel(testCase.providerType, testCase.model);
    expect(model?.providerType).toBe(testCase.providerType);
    const result = computeCostNanoUsd(testCase.usage, model?.prices ?? [], new Date(testCase.at));
    expect(typeof result.costNanoUsd).toBe('bigint');
    expect(result.costNanoUsd).toBe(BigInt(testCase.expectedNanoUsd));
    expect(result.longContext).toBe(testCase.longContext);
  });

  it('returns the price period it applied', () => {
    const o3 = findCatalogModel('openai', 'o3');
    const before = computeCostNanoUsd(
      usage({ inputTokens: 1 }),
      o3?.prices ?? [],
      new Date('2025-05-01Z'),
    );
    const after = computeCostNanoUsd(
      usage({ inputTokens: 1 }),
      o3?.prices ?? [],
      new Date('2025-07-01Z'),
    );
    expect(before.price.input).toBe(10_000_000_000);
    expect(after.price.input).toBe(2_000_000_000);
  });

  it('refuses to price a request from before the model had a price', () => {
    const o3 = findCatalogModel('openai', 'o3');
    expect(() =>
      computeCostNanoUsd(
        usage({ inputTokens: 1 }),
        o3?.prices ?? [],
        new Date('2025-04-15T23:59:59Z'),
      ),
    ).toThrow(PriceNotFoundError);
  });
});

describe('computeCostNanoUsd arithmetic', () => {
  it('rounds half up, not to even', () => {
    const oneToken = usage({ inputTokens: 1 });
    expect(
      computeCostNanoUsd(oneToken, flat({ input: 1_500_000, output: 0 }), at).costNanoUsd,
    ).toBe(2n);
    expect(
      computeCostNanoUsd(oneToken, flat({ input: 2_500_000, output: 0 }), at).costNanoUsd,
    ).toBe(3n);
    expect(
      computeCostNanoUsd(oneToken, flat({ input: 1_499_999, output: 0 }), at).costNanoUsd,
    ).toBe(1n);
    expect(computeCostNanoUsd(oneToken, flat({ input: 499_999, output: 0 }), at).costNanoUsd).toBe(
      0n,
    );
  });

  it('divides once over the sum, so sub-nano parts of token classes add up before rounding', () => {
    // 0.4 + 0.4 nano-USD: rounding each class first would give 0; the sum gives 1.
    const prices = flat({ input: 400_000, output: 400_000 });
    const result = computeCostNanoUsd(usage({ inputTokens: 1, outputTokens: 1 }), prices, at);
    expect(result.costNanoUsd).toBe(1n);
  });

  it('stays exact far beyond the range of a float', () => {
    // 10^15 tokens × $75/1M = $75 billion = 7.5 × 10^19 nano-USD (> 2^53).
    const prices = flat({ input: 0, output: 75_000_000_000 });
    const result = computeCostNanoUsd(usage({ outputTokens: 1e15 }), prices, at);
    expect(result.costNanoUsd).toBe(75_000_000_000_000_000_000n);
    expect(typeof result.costNanoUsd).toBe('bigint');
  });

  it('falls back to the input rate for cache classes without their own rate', () => {
    const prices = flat({ input: 1_000_000_000, output: 0 });
    const cached = usage({ inputTokens: 1_000, cacheReadTokens: 300, cacheWriteTokens: 200 });
    expect(computeCostNanoUsd(cached, prices, at).costNanoUsd).toBe(1_000_000n);
  });

  it('bills 1-hour writes at the 5-minute write rate when no 1-hour rate is set', () => {
    const prices = flat({ input: 1_000_000_000, output: 0, cacheWrite: 2_000_000_000 });
    const writes = usage({ inputTokens: 100, cacheWriteTokens: 100, cacheWrite1hTokens: 40 });
    expect(computeCostNanoUsd(writes, prices, at).costNanoUsd).toBe(200_000n);
  });

  it('bills reasoning tokens at the reasoning rate when one is set', () => {
    const prices = flat({ input: 0, output: 1_000_000_000, reasoning: 3_000_000_000 });
    const result = computeCostNanoUsd(
      usage({ outputTokens: 100, reasoningTokens: 40 }),
      prices,
      at,
    );
    expect(result.costNanoUsd).toBe(60_000n + 120_000n);
  });

  it('keeps the short cache-read rate in the long tier when no long cache-read rate is set', () => {
    const prices = flat({
      input: 1_000_000_000,
      output: 0,
      cacheRead: 100_000_000,
      longContextThresholdTokens: 10,
      longContextInput: 2_000_000_000,
    });
    const result = computeCostNanoUsd(usage({ inputTokens: 20, cacheReadTokens: 10 }), prices, at);
    expect(result).toMatchObject({ costNanoUsd: 20_000n + 1_000n, longContext: true });
  });

  it.each([
    [
      'cache reads and writes exceed the prompt',
      { inputTokens: 10, cacheReadTokens: 6, cacheWriteTokens: 5 },
    ],
    ['reasoning exceeds the completion', { outputTokens: 10, reasoningTokens: 11 }],
    [
      '1-hour writes exceed all writes',
      { inputTokens: 10, cacheWriteTokens: 2, cacheWrite1hTokens: 3 },
    ],
    ['a count is fractional', { inputTokens: 1.5 }],
    ['a count is negative', { outputTokens: -1 }],
  ])('rejects usage where %s', (_name, counts) => {
    const prices = flat({ input: 1, output: 1 });
    expect(() => computeCostNanoUsd(usage(counts), prices, at)).toThrow(InvalidUsageError);
  });
});

describe('worstCaseCostNanoUsd', () => {
  it('charges the prompt at the dearest input-side rate and the output at the dearest output rate', () => {
    const sonnet = findCatalogModel('anthropic', 'claude-sonnet-4-5')?.prices ?? [];
    // 1000 × $6 (1-hour cache write) + 1000 × $15 = $0.021
    expect(worstCaseCostNanoUsd(1_000, 1_000, sonnet, at)).toBe(21_000_000n);
  });

  it('applies the long-context tier by prompt size', () => {
    const sonnet = findCatalogModel('anthropic', 'claude-sonnet-4-5')?.prices ?? [];
    // 300000 × $6 (long input; no long write rate, so the 1h write $6 ties) + 1000 × $22.50
    expect(worstCaseCostNanoUsd(300_000, 1_000, sonnet, at)).toBe(1_822_500_000n);
  });

  it('rounds up, so a reservation is never below the real cost', () => {
    expect(worstCaseCostNanoUsd(1, 0, flat({ input: 1, output: 0 }), at)).toBe(1n);
    expect(worstCaseCostNanoUsd(0, 0, flat({ input: 1, output: 0 }), at)).toBe(0n);
  });

  it('is never below the actual cost of a request within the bounds', () => {
    const sonnet = findCatalogModel('anthropic', 'claude-sonnet-4-5')?.prices ?? [];
    const actual = computeCostNanoUsd(
      usage({
        inputTokens: 5_000,
        cacheWriteTokens: 5_000,
        cacheWrite1hTokens: 5_000,
        outputTokens: 700,
      }),
      sonnet,
      at,
    );
    expect(worstCaseCostNanoUsd(5_000, 700, sonnet, at)).toBeGreaterThanOrEqual(actual.costNanoUsd);
  });
});
