import type { Database, Prisma } from '@switchyard/db';
import { budgetPeriod, type BudgetPeriod, type BudgetPeriodKind } from '@switchyard/usage';

/** An enabled budget, one of its periods, and the spend Postgres holds for that period. */
export interface BudgetState {
  id: string;
  tenantId: string;
  name: string;
  period: BudgetPeriodKind;
  scopeType: string;
  scopeValue: string | null;
  action: string;
  limitNanoUsd: bigint;
  /** Percentages of the limit at which an alert fires. */
  alertThresholds: number[];
  timeZone: string;
  current: BudgetPeriod;
  spentNanoUsd: bigint;
}

/** A budget and the start of one of its periods (BudgetSpend's key). */
export interface BudgetPeriodTarget {
  budgetId: string;
  periodStartMs: number;
}

const budgetSelect = {
  id: true,
  tenantId: true,
  name: true,
  period: true,
  scopeType: true,
  scopeValue: true,
  action: true,
  limitNanoUsd: true,
  alertThresholds: true,
  tenant: { select: { timezone: true } },
} satisfies Prisma.BudgetSelect;

type BudgetRow = Prisma.BudgetGetPayload<{ select: typeof budgetSelect }>;

function findBudgets(db: Database, where: Prisma.BudgetWhereInput, take?: number) {
  return db.budget.findMany({ where, select: budgetSelect, orderBy: { id: 'asc' }, take });
}

/**
 * Attaches spend to (budget, period) pairs. Budgets share few distinct period starts (one per
 * time zone), so one `IN × IN` query and an exact filter here beats one query per pair.
 */
async function withSpend(
  db: Database,
  pairs: ReadonlyArray<{ budget: BudgetRow; period: BudgetPeriod }>,
): Promise<BudgetState[]> {
  if (pairs.length === 0) return [];
  const spends = await db.budgetSpend.findMany({
    where: {
      budgetId: { in: [...new Set(pairs.map(({ budget }) => budget.id))] },
      periodStart: { in: [...new Set(pairs.map(({ period }) => period.startMs))].map(toDate) },
    },
    select: { budgetId: true, periodStart: true, spentNanoUsd: true },
  });
  const spent = new Map(
    spends.map((row) => [`${row.budgetId}|${row.periodStart.getTime()}`, row.spentNanoUsd]),
  );
  return pairs.map(({ budget, period }) => ({
    id: budget.id,
    tenantId: budget.tenantId,
    name: budget.name,
    period: budget.period,
    scopeType: budget.scopeType,
    scopeValue: budget.scopeValue,
    action: budget.action,
    limitNanoUsd: budget.limitNanoUsd,
    alertThresholds: budget.alertThresholds,
    timeZone: budget.tenant.timezone,
    current: period,
    spentNanoUsd: spent.get(`${budget.id}|${period.startMs}`) ?? 0n,
  }));
}

const toDate = (ms: number) => new Date(ms);

/** States of the given (enabled) budgets for the given periods; disabled or deleted ones drop out. */
export async function loadBudgetStates(
  db: Database,
  targets: readonly BudgetPeriodTarget[],
): Promise<BudgetState[]> {
  if (targets.length === 0) return [];
  const budgets = await findBudgets(db, {
    id: { in: [...new Set(targets.map((target) => target.budgetId))] },
    enabled: true,
  });
  const byId = new Map(budgets.map((budget) => [budget.id, budget]));
  const pairs = targets.flatMap((target) => {
    const budget = byId.get(target.budgetId);
    if (!budget) return [];
    // The period containing its own start is that period: this recovers its key.
    return [
      { budget, period: budgetPeriod(budget.period, budget.tenant.timezone, target.periodStartMs) },
    ];
  });
  return withSpend(db, pairs);
}

/**
 * Every enabled budget in its current period at `nowMs`, a page at a time (keyset on id), so a
 * deployment with many budgets never loads them all at once.
 */
export async function* currentBudgetStates(
  db: Database,
  nowMs: number,
  pageSize = 500,
): AsyncGenerator<BudgetState[]> {
  let after = '';
  for (;;) {
    const budgets = await findBudgets(db, { enabled: true, id: { gt: after } }, pageSize);
    if (budgets.length === 0) return;
    after = budgets[budgets.length - 1]!.id;
    yield await withSpend(
      db,
      budgets.map((budget) => ({
        budget,
        period: budgetPeriod(budget.period, budget.tenant.timezone, nowMs),
      })),
    );
    if (budgets.length < pageSize) return;
  }
}
