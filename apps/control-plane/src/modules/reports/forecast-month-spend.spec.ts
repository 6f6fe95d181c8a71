import { describe, expect, it } from 'vitest';
import { forecastMonthSpend } from './forecast-month-spend.js';

const march = {
  monthStart: new Date('2025-03-01T00:00:00Z'),
  monthEnd: new Date('2025-04-01T00:00:00Z'),
};

describe('forecastMonthSpend', () => {
  it('projects spent ÷ elapsed days × days in the month, in integers', () => {
    const asOf = new Date('2025-03-11T00:00:00Z'); // 10 of 31 days
    expect(forecastMonthSpend({ ...march, asOf, spentNanoUsd: 1_000_000_000n })).toBe(
      3_100_000_000n,
    );
  });

  it('rounds half up to the nano-USD and stays exact beyond 2^53', () => {
    const asOf = new Date('2025-03-04T00:00:00Z'); // 3 of 31 days
    expect(forecastMonthSpend({ ...march, asOf, spentNanoUsd: 1n })).toBe(10n); // 10.33…
    expect(forecastMonthSpend({ ...march, asOf, spentNanoUsd: 2n })).toBe(21n); // 20.67…
    const big = 9_007_199_254_740_993n;
    expect(forecastMonthSpend({ ...march, asOf, spentNanoUsd: big * 3n })).toBe(big * 31n);
  });

  it('uses real elapsed time, so part of a day counts as part of a day', () => {
    const asOf = new Date('2025-03-01T12:00:00Z'); // half a day
    expect(forecastMonthSpend({ ...march, asOf, spentNanoUsd: 5n })).toBe(310n);
  });

  it('equals the spend at the end of the month, also in a month with a DST change', () => {
    // America/New_York, March 2025: 31 days minus the hour lost on the 9th.
    const monthStart = new Date('2025-03-01T05:00:00Z');
    const monthEnd = new Date('2025-04-01T04:00:00Z');
    expect(forecastMonthSpend({ monthStart, monthEnd, asOf: monthEnd, spentNanoUsd: 777n })).toBe(
      777n,
    );
  });

  it('has nothing to project at the very start of the month', () => {
    expect(forecastMonthSpend({ ...march, asOf: march.monthStart, spentNanoUsd: 0n })).toBe(0n);
  });
});
