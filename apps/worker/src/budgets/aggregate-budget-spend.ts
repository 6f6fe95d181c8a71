import { budgetPeriod, type BudgetPeriodKind } from '@switchyard/usage';

/** What the worker knows about a budget when adding spend to it. */
export interface BudgetForSpend {
  id: string;
  tenantId: string;
  period: BudgetPeriodKind;
  /** The tenant's IANA time zone; periods start at local midnight. */
  timeZone: string;
}

export interface SpendEntry {
  tenantId: string;
  budgetIds: readonly string[];
  costNanoUsd: bigint;
  occurredAt: Date;
}

export interface BudgetSpendIncrement {
  budgetId: string;
  periodStart: Date;
  spentNanoUsd: bigint;
  requestCount: bigint;
}

export interface BudgetSpendAggregate {
  increments: BudgetSpendIncrement[];
  /** Budget ids named by events but unknown, or belonging to another tenant. */
  unknownBudgetIds: string[];
}

/**
 * Sums the spend of newly logged requests per budget and period. The budgets are the ones the
 * data plane reserved against (event.budgetIds), so Postgres and the Redis counters agree on
 * which requests count. Sorted by key, so concurrent upserts lock rows in the same order.
 */
export function aggregateBudgetSpend(
  entries: readonly SpendEntry[],
  budgets: ReadonlyMap<string, BudgetForSpend>,
): BudgetSpendAggregate {
  const increments = new Map<string, BudgetSpendIncrement>();
  const unknown = new Set<string>();
  for (const entry of entries) {
    for (const budgetId of new Set(entry.budgetIds)) {
      const budget = budgets.get(budgetId);
      if (!budget || budget.tenantId !== entry.tenantId) {
        unknown.add(budgetId);
        continue;
      }
      const periodStart = new Date(
        budgetPeriod(budget.period, budget.timeZone, entry.occurredAt.getTime()).startMs,
      );
      const key = `${budgetId}\u0000${periodStart.getTime()}`;
      const increment = increments.get(key) ?? {
        budgetId,
        periodStart,
        spentNanoUsd: 0n,
        requestCount: 0n,
      };
      increment.spentNanoUsd += entry.costNanoUsd;
      increment.requestCount += 1n;
      increments.set(key, increment);
    }
  }
  const sorted = [...increments.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return {
    increments: sorted.map(([, increment]) => increment),
    unknownBudgetIds: [...unknown].sort(),
  };
}
