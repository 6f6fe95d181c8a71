import { describe, expect, it } from 'vitest';
import type { PricePeriod } from './price-types.js';
import { PriceNotFoundError, selectPrice } from './select-price.js';

const period = (effectiveFrom: string, effectiveTo: string | null, input: number): PricePeriod => ({
  effectiveFrom,
  effectiveTo,
  input,
  output: 0,
});

describe('selectPrice', () => {
  const prices = [
    period('2025-01-01T00:00:00Z', '2025-03-01T00:00:00Z', 1),
    period('2025-03-01T00:00:00Z', null, 2),
  ];

  it('treats effectiveFrom as inclusive and effectiveTo as exclusive', () => {
    expect(selectPrice(prices, new Date('2025-01-01T00:00:00.000Z')).input).toBe(1);
    expect(selectPrice(prices, new Date('2025-02-28T23:59:59.999Z')).input).toBe(1);
    expect(selectPrice(prices, new Date('2025-03-01T00:00:00.000Z')).input).toBe(2);
  });

  it('lets the latest open-ended period supersede an older open-ended one', () => {
    const open = [period('2025-01-01T00:00:00Z', null, 1), period('2025-06-01T00:00:00Z', null, 2)];
    expect(selectPrice(open, new Date('2025-05-31T23:59:59Z')).input).toBe(1);
    expect(selectPrice(open, new Date('2025-06-01T00:00:00Z')).input).toBe(2);
  });

  it('understands offsets in price dates', () => {
    const offset = [period('2025-06-01T02:00:00+02:00', null, 7)];
    expect(selectPrice(offset, new Date('2025-06-01T00:00:00Z')).input).toBe(7);
    expect(() => selectPrice(offset, new Date('2025-05-31T23:59:59Z'))).toThrow(PriceNotFoundError);
  });

  it('fails clearly when nothing is effective', () => {
    expect(() => selectPrice(prices, new Date('2024-12-31T23:59:59Z'))).toThrow(
      /no price is effective/,
    );
    expect(() => selectPrice([], new Date())).toThrow(PriceNotFoundError);
  });
});
