import { computeCostNanoUsd, InvalidUsageError } from './compute-cost.js';
import type { PricePeriod, UsageTokens } from './price-types.js';
import { PriceNotFoundError } from './select-price.js';

/** A request as it was logged: its token counts and whether the response cache answered it. */
export interface LoggedRequestUsage extends UsageTokens {
  /** Answered from the gateway's response cache, which bills nothing whatever the tokens. */
  cacheHit: boolean;
}

/** Why a logged request keeps its stored cost. */
export type RecostSkipReason = 'no_price' | 'invalid_usage';

export type RecostOutcome =
  { kind: 'priced'; costNanoUsd: bigint } | { kind: 'skipped'; reason: RecostSkipReason };

/**
 * What a logged request costs at `prices` — the same arithmetic the data plane charged it with,
 * at the instant it was received. A request the prices cannot cost (no period covers `at`, or
 * token counts that contradict each other) is skipped rather than thrown, so one odd row never
 * stops re-costing a period; its stored cost is then left as it is.
 */
export function recostRequest(
  usage: LoggedRequestUsage,
  prices: readonly PricePeriod[],
  at: Date,
): RecostOutcome {
  // The data plane charges 0 for cache hits (response-cache.ts); re-costing must agree.
  if (usage.cacheHit) return { kind: 'priced', costNanoUsd: 0n };
  try {
    return { kind: 'priced', costNanoUsd: computeCostNanoUsd(usage, prices, at).costNanoUsd };
  } catch (error) {
    if (error instanceof PriceNotFoundError) return { kind: 'skipped', reason: 'no_price' };
    if (error instanceof InvalidUsageError) return { kind: 'skipped', reason: 'invalid_usage' };
    // A malformed price (RangeError) is a catalog bug the caller must see, not a skipped row.
    throw error;
  }
}
