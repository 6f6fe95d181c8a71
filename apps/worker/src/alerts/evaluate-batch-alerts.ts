import type { Database } from '@switchyard/db';
import { budgetPeriod, type UsageEvent } from '@switchyard/usage';
import type { BudgetForSpend } from '../budgets/aggregate-budget-spend.js';
import { loadBudgetStates, type BudgetPeriodTarget } from '../budgets/load-budget-states.js';
import type { AlertCandidate } from './alert-candidate.js';
import type { AlertDispatcher } from './alert-dispatcher.js';
import { budgetThresholdAlerts } from './budget-threshold-alerts.js';
import { modelDriftAlerts } from './model-drift-alerts.js';

/** A usage batch whose transaction has committed. */
export interface CommittedBatch {
  /** Every valid event of the batch, including the ones already logged by an earlier delivery. */
  events: readonly UsageEvent[];
  /** The budgets the events reserved against, as the batch handler loaded them. */
  budgets: ReadonlyMap<string, BudgetForSpend>;
}

export interface BatchAlertDeps {
  db: Database;
  dispatcher: AlertDispatcher;
}

/**
 * Budget thresholds and model drift, judged right after a batch commits so a crossing alerts
 * within seconds rather than at the next periodic evaluation. Every event of the batch counts,
 * not only the newly inserted ones: a batch redelivered after the worker died between commit and
 * this evaluation must still fire what the first delivery would have; recording deduplicates.
 */
export async function evaluateBatchAlerts(
  batch: CommittedBatch,
  deps: BatchAlertDeps,
): Promise<number> {
  const targets = new Map<string, BudgetPeriodTarget>();
  for (const event of batch.events) {
    for (const budgetId of event.budgetIds) {
      const budget = batch.budgets.get(budgetId);
      if (!budget || budget.tenantId !== event.tenantId) continue;
      const { startMs } = budgetPeriod(
        budget.period,
        budget.timeZone,
        Date.parse(event.occurredAt),
      );
      targets.set(`${budgetId}|${startMs}`, { budgetId, periodStartMs: startMs });
    }
  }
  const candidates: AlertCandidate[] = (
    await loadBudgetStates(deps.db, [...targets.values()])
  ).flatMap(budgetThresholdAlerts);

  const drifted = batch.events.filter((event) => event.modelDrift);
  if (drifted.length > 0) {
    const tenants = await deps.db.tenant.findMany({
      where: { id: { in: [...new Set(drifted.map((event) => event.tenantId))] } },
      select: { id: true, timezone: true },
    });
    candidates.push(
      ...modelDriftAlerts(drifted, new Map(tenants.map((tenant) => [tenant.id, tenant.timezone]))),
    );
  }
  return (await deps.dispatcher.fire(candidates)).length;
}
