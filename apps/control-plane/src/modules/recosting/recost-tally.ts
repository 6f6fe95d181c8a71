import type { RecostOutcome } from '@switchyard/pricing';
import {
  aggregateUsageRollups,
  budgetPeriod,
  type BudgetPeriodKind,
  type RollupGranularity,
  type UsageRollupRow,
} from '@switchyard/usage';
import type { RecostRow } from './load-request-logs.js';
import type { RecostUsageResult } from './recost-usage.model.js';

/** The primary key of a usage_hourly / usage_daily row. */
export type RollupKey = Pick<
  UsageRollupRow,
  'bucketStart' | 'tenantId' | 'apiKeyId' | 'provider' | 'model' | 'tag'
>;

/** What the worker knew about a budget when it added a request's spend to it. */
export interface BudgetForRecost {
  tenantId: string;
  period: BudgetPeriodKind;
  /** The tenant's IANA time zone; periods start at local midnight. */
  timeZone: string;
}

/** How much one BudgetSpend row moves. */
export interface BudgetSpendDelta {
  budgetId: string;
  periodStart: Date;
  deltaNanoUsd: bigint;
}

export interface ChangedRow {
  row: RecostRow;
  costNanoUsd: bigint;
}

/** The worker's sort key for rollup rows, so rows are locked in the order the worker locks them. */
function rollupKeyText(key: RollupKey): string {
  return JSON.stringify([
    key.bucketStart.getTime(),
    key.tenantId,
    key.apiKeyId,
    key.provider,
    key.model,
    key.tag,
  ]);
}

function sortedValues<T>(entries: Map<string, T>): T[] {
  return [...entries.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, v]) => v);
}

/**
 * Accumulates a re-costing page by page: the summary counters, and — for requests whose cost
 * changed — the rollup rows and budget periods they count in. Only keys are kept, not the rows,
 * so memory grows with the number of rollup rows touched, not with the number of requests.
 */
export class RecostTally {
  private rowsExamined = 0;
  private rowsChanged = 0;
  private rowsWithoutModel = 0;
  private rowsWithoutPrice = 0;
  private rowsWithInvalidUsage = 0;
  private oldTotal = 0n;
  private newTotal = 0n;
  private readonly rollupKeys: Record<RollupGranularity, Map<string, RollupKey>> = {
    hour: new Map(),
    day: new Map(),
  };
  private readonly budgetDeltas = new Map<string, BudgetSpendDelta>();

  /** Counts one examined request; returns its new cost when it differs from the stored one. */
  count(row: RecostRow, outcome: RecostOutcome | 'no_model'): bigint | undefined {
    this.rowsExamined += 1;
    this.oldTotal += row.costNanoUsd;
    if (outcome === 'no_model' || outcome.kind === 'skipped') {
      if (outcome === 'no_model') this.rowsWithoutModel += 1;
      else if (outcome.reason === 'no_price') this.rowsWithoutPrice += 1;
      else this.rowsWithInvalidUsage += 1;
      this.newTotal += row.costNanoUsd;
      return undefined;
    }
    this.newTotal += outcome.costNanoUsd;
    if (outcome.costNanoUsd === row.costNanoUsd) return undefined;
    this.rowsChanged += 1;
    return outcome.costNanoUsd;
  }

  /**
   * Remembers the rollup rows (keyed exactly as the worker keys them) and the budget periods the
   * changed requests count in. Budgets follow the worker's rule: a request's spend went to the
   * budgets it reserved against, if they exist and belong to its tenant.
   */
  addChanges(changes: readonly ChangedRow[], budgets: ReadonlyMap<string, BudgetForRecost>): void {
    const rows = changes.map((change) => change.row);
    for (const granularity of ['hour', 'day'] as const) {
      for (const rollup of aggregateUsageRollups(rows, granularity)) {
        const { bucketStart, tenantId, apiKeyId, provider, model, tag } = rollup;
        const key = { bucketStart, tenantId, apiKeyId, provider, model, tag };
        this.rollupKeys[granularity].set(rollupKeyText(key), key);
      }
    }
    for (const { row, costNanoUsd } of changes) {
      for (const budgetId of new Set(row.budgetIds)) {
        const budget = budgets.get(budgetId);
        if (!budget || budget.tenantId !== row.tenantId) continue;
        const period = budgetPeriod(budget.period, budget.timeZone, row.createdAt.getTime());
        const key = `${budgetId}\u0000${period.startMs}`;
        const delta = this.budgetDeltas.get(key) ?? {
          budgetId,
          periodStart: new Date(period.startMs),
          deltaNanoUsd: 0n,
        };
        delta.deltaNanoUsd += costNanoUsd - row.costNanoUsd;
        this.budgetDeltas.set(key, delta);
      }
    }
  }

  /** Rollup rows to rebuild, in the worker's lock order. */
  rollupsToRebuild(granularity: RollupGranularity): RollupKey[] {
    return sortedValues(this.rollupKeys[granularity]);
  }

  /** Spend changes in the worker's lock order; changes that cancel out are dropped. */
  budgetChanges(): BudgetSpendDelta[] {
    return sortedValues(this.budgetDeltas).filter((delta) => delta.deltaNanoUsd !== 0n);
  }

  summary(dryRun: boolean): RecostUsageResult {
    const rowsSkipped = this.rowsWithoutModel + this.rowsWithoutPrice + this.rowsWithInvalidUsage;
    return {
      dryRun,
      rowsExamined: this.rowsExamined,
      rowsChanged: this.rowsChanged,
      rowsSkipped,
      rowsWithoutModel: this.rowsWithoutModel,
      rowsWithoutPrice: this.rowsWithoutPrice,
      rowsWithInvalidUsage: this.rowsWithInvalidUsage,
      oldTotalNanoUsd: this.oldTotal.toString(),
      newTotalNanoUsd: this.newTotal.toString(),
      hourlyRollupsRebuilt: this.rollupKeys.hour.size,
      dailyRollupsRebuilt: this.rollupKeys.day.size,
      budgetPeriodsAdjusted: this.budgetChanges().length,
    };
  }
}
