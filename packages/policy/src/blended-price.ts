import type { SnapshotModel, SnapshotPrice } from './snapshot-schema.js';

/** Parsed bounds per price row: rows are immutable snapshot data, so parse each date once. */
const parsedBounds = new WeakMap<SnapshotPrice, { from: number; to: number }>();

function boundsOf(price: SnapshotPrice): { from: number; to: number } {
  let bounds = parsedBounds.get(price);
  if (!bounds) {
    bounds = {
      from: Date.parse(price.effectiveFrom),
      to: price.effectiveTo ? Date.parse(price.effectiveTo) : Number.POSITIVE_INFINITY,
    };
    parsedBounds.set(price, bounds);
  }
  return bounds;
}

/**
 * The model's blended list price at `nowMs` in nano-USD per million tokens: input + output of
 * the row in effect (`effectiveFrom <= now < effectiveTo`, the latest start wins, as in the
 * pricing package). Undefined when no row is in effect — such a model cannot be shown to be
 * under a price ceiling and sorts last for lowest-cost routing.
 */
export function blendedPriceNanoUsdPerMTok(
  model: SnapshotModel,
  nowMs: number,
): number | undefined {
  let best: SnapshotPrice | undefined;
  let bestFrom = Number.NEGATIVE_INFINITY;
  for (const price of model.prices) {
    const { from, to } = boundsOf(price);
    if (from > nowMs || nowMs >= to || from <= bestFrom) continue;
    best = price;
    bestFrom = from;
  }
  return best ? best.input + best.output : undefined;
}
