import type { BudgetState } from '../budgets/load-budget-states.js';
import { formatUsd, type AlertCandidate } from './alert-candidate.js';

/**
 * One alert per threshold the period's spend has reached (spent ≥ limit × threshold %, in
 * integers). Every crossed threshold is returned each time; recording the alert is what makes
 * it fire once, keyed by budget, period and threshold.
 */
export function budgetThresholdAlerts(state: BudgetState): AlertCandidate[] {
  if (state.limitNanoUsd <= 0n) return [];
  const thresholds = [...new Set(state.alertThresholds)]
    .filter((threshold) => threshold > 0)
    .sort((a, b) => a - b);
  const percent = Number((state.spentNanoUsd * 10_000n) / state.limitNanoUsd) / 100;
  return thresholds
    .filter((threshold) => state.spentNanoUsd * 100n >= state.limitNanoUsd * BigInt(threshold))
    .map((threshold) => ({
      tenantId: state.tenantId,
      kind: 'budget_threshold',
      eventKey: `budget_threshold:${state.id}:${state.current.key}:${threshold}`,
      title: `Budget '${state.name}' reached ${threshold}% of its ${state.period.toLowerCase()} limit for ${state.current.key}: ${formatUsd(state.spentNanoUsd)} of ${formatUsd(state.limitNanoUsd)}`,
      data: {
        budgetId: state.id,
        budgetName: state.name,
        scopeType: state.scopeType,
        scopeValue: state.scopeValue,
        action: state.action,
        period: state.period,
        periodKey: state.current.key,
        periodStart: new Date(state.current.startMs).toISOString(),
        threshold,
        percent,
        limitNanoUsd: state.limitNanoUsd.toString(),
        spentNanoUsd: state.spentNanoUsd.toString(),
      },
    }));
}
