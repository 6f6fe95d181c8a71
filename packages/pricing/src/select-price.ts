import type { PricePeriod } from './price-types.js';

/** No price period of a model covers the instant a request happened. */
export class PriceNotFoundError extends Error {
  readonly code = 'price_not_found';
  constructor(readonly at: Date) {
    super(`no price is effective at ${at.toISOString()}`);
    this.name = 'PriceNotFoundError';
  }
}

/** Parsed price dates: a catalog has few distinct ones and every request looks them up. */
const parsedInstants = new Map<string, number>();

function instant(iso: string): number {
  let ms = parsedInstants.get(iso);
  if (ms === undefined) {
    ms = Date.parse(iso);
    if (Number.isNaN(ms)) throw new RangeError(`invalid price date: "${iso}"`);
    // Bounded: a catalog rebuilt many times over a long run must not grow this forever.
    if (parsedInstants.size >= 10_000) parsedInstants.clear();
    parsedInstants.set(iso, ms);
  }
  return ms;
}

/**
 * Picks the price effective at `at`: `effectiveFrom <= at < effectiveTo`. When several periods
 * cover the instant (an open-ended old period plus a newer one), the latest `effectiveFrom` wins,
 * so adding a price change never requires editing the previous row.
 */
export function selectPrice<P extends PricePeriod>(prices: readonly P[], at: Date): P {
  const atMs = at.getTime();
  if (Number.isNaN(atMs)) throw new RangeError('invalid date for price lookup');
  let best: P | undefined;
  let bestFrom = -Infinity;
  for (const price of prices) {
    const from = instant(price.effectiveFrom);
    if (from > atMs) continue;
    if (price.effectiveTo != null && atMs >= instant(price.effectiveTo)) continue;
    if (from > bestFrom) {
      best = price;
      bestFrom = from;
    }
  }
  if (best === undefined) throw new PriceNotFoundError(at);
  return best;
}
