import type { Transaction } from '../../infra/prisma.service.js';
import type { BudgetForRecost, BudgetSpendDelta } from './recost-tally.js';

/** The budgets (and their tenants' time zones) named by changed requests, deleted ones absent. */
export async function loadBudgetsForRecost(
  transaction: Transaction,
  budgetIds: Iterable<string>,
  known: Map<string, BudgetForRecost>,
): Promise<void> {
  const missing = [...new Set(budgetIds)].filter((id) => !known.has(id));
  if (missing.length === 0) return;
  const budgets = await transaction.budget.findMany({
    where: { id: { in: missing } },
    select: { id: true, tenantId: true, period: true, tenant: { select: { timezone: true } } },
  });
  for (const budget of budgets) {
    known.set(budget.id, {
      tenantId: budget.tenantId,
      period: budget.period,
      timeZone: budget.tenant.timezone,
    });
  }
}

/**
 * Moves each budget period's spend by the cost change of its requests. Spend is adjusted rather
 * than rebuilt from request_logs because which budgets a request counted against is only known
 * from its budget_ids, which logs written before that column existed lack: a rebuild would drop
 * their spend. The increment happens in the database, so concurrent worker batches are kept;
 * rows are locked first in the worker's order (budget id, period start) so neither deadlocks.
 * A period with no spend row (its budget was deleted) has nothing to adjust.
 */
export async function adjustBudgetSpend(
  transaction: Transaction,
  deltas: readonly BudgetSpendDelta[],
): Promise<void> {
  if (deltas.length === 0) return;
  const budgetIds = deltas.map((delta) => delta.budgetId);
  const periodStarts = deltas.map((delta) => delta.periodStart.toISOString());
  const amounts = deltas.map((delta) => delta.deltaNanoUsd.toString());
  await transaction.$queryRaw`
    SELECT 1 FROM budget_spends AS spend
    JOIN unnest(${budgetIds}::text[], ${periodStarts}::timestamptz[])
      AS change(budget_id, period_start) USING (budget_id, period_start)
    ORDER BY spend.budget_id COLLATE "C", spend.period_start
    FOR UPDATE OF spend`;
  await transaction.$executeRaw`
    UPDATE budget_spends AS spend
    SET spent_nano_usd = spend.spent_nano_usd + change.delta, updated_at = now()
    FROM unnest(${budgetIds}::text[], ${periodStarts}::timestamptz[], ${amounts}::bigint[])
      AS change(budget_id, period_start, delta)
    WHERE spend.budget_id = change.budget_id AND spend.period_start = change.period_start`;
}
