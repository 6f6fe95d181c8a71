import { computeCostNanoUsd } from '@switchyard/pricing';
import type { NormalizedUsage } from '@switchyard/providers';
import type { SnapshotModel } from '@switchyard/policy';

/** Exact integer cost of one request at the prices effective when it was received. */
export function computeRequestCost(model: SnapshotModel, usage: NormalizedUsage, at: Date): bigint {
  if (model.prices.length === 0) return 0n;
  try {
    return computeCostNanoUsd(usage, model.prices, at).costNanoUsd;
  } catch {
    // No price effective at this instant: record zero rather than fail a served request; the
    // worker can re-cost history once the catalog is fixed.
    return 0n;
  }
}
