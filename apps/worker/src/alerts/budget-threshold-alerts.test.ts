import { describe, expect, it } from 'vitest';
import type { BudgetState } from '../budgets/load-budget-states.js';
import { budgetThresholdAlerts } from './budget-threshold-alerts.js';

function state(spentNanoUsd: bigint, overrides: Partial<BudgetState> = {}): BudgetState {
  return {
    id: 'budget-1',
    tenantId: 'tenant-a',
    name: 'team',
    period: 'DAILY',
    scopeType: 'TENANT',
    scopeValue: null,
    action: 'BLOCK',
    limitNanoUsd: 1_000n,
    alertThresholds: [80, 50, 100, 50],
    timeZone: 'UTC',
    current: { key: '2026-03-17', startMs: Date.parse('2026-03-17T00:00:00Z'), secondsLeft: 1 },
    spentNanoUsd,
    ...overrides,
  };
}

const thresholds = (spent: bigint, overrides?: Partial<BudgetState>) =>
  budgetThresholdAlerts(state(spent, overrides)).map((alert) => alert.data.threshold);

describe('budgetThresholdAlerts', () => {
  it('returns every threshold reached, once each, compared exactly in integers', () => {
    expect(thresholds(499n)).toEqual([]);
    expect(thresholds(500n)).toEqual([50]);
    expect(thresholds(799n)).toEqual([50]);
    expect(thresholds(800n)).toEqual([50, 80]);
    expect(thresholds(5_000n)).toEqual([50, 80, 100]);
  });

  it('keys each alert by budget, period and threshold, and keeps money exact', () => {
    const [alert] = budgetThresholdAlerts(
      state(9_007_199_254_740_993n, {
        limitNanoUsd: 10_000_000_000_000_000n,
        alertThresholds: [90],
      }),
    );
    expect(alert).toMatchObject({
      tenantId: 'tenant-a',
      kind: 'budget_threshold',
      eventKey: 'budget_threshold:budget-1:2026-03-17:90',
      data: { spentNanoUsd: '9007199254740993', percent: 90.07, periodKey: '2026-03-17' },
    });
    expect(alert?.title).toBe(
      "Budget 'team' reached 90% of its daily limit for 2026-03-17: $9,007,199.25 of $10,000,000.00",
    );
  });

  it('never fires for a budget without a positive limit', () => {
    expect(thresholds(10n, { limitNanoUsd: 0n })).toEqual([]);
  });
});
