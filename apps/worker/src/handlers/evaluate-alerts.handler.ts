import type { Database } from '@switchyard/db';
import type { AlertDispatcher } from '../alerts/alert-dispatcher.js';
import { budgetThresholdAlerts } from '../alerts/budget-threshold-alerts.js';
import { errorRateAlerts, type ErrorRateOptions } from '../alerts/error-rate-alerts.js';
import { spendSpikeAlerts, type SpendSpikeOptions } from '../alerts/spend-spike-alerts.js';
import { currentBudgetStates } from '../budgets/load-budget-states.js';

export interface EvaluateAlertsDeps {
  db: Database;
  dispatcher: AlertDispatcher;
  spendSpike: SpendSpikeOptions;
  errorRate: ErrorRateOptions;
}

export interface EvaluateAlertsResult {
  fired: number;
  /** Undelivered alerts whose delivery job was enqueued again. */
  resent: number;
}

/**
 * The repeatable evaluation. Spend and error-rate spikes are properties of time windows, not of
 * a batch, so they are judged here once a minute with one aggregate query each, instead of on
 * every batch. Budget thresholds are judged after each batch already; judging them here too
 * catches what no batch triggers: a limit lowered by an admin, or an evaluation lost to a crash.
 */
export async function evaluateAlerts(
  deps: EvaluateAlertsDeps,
  now: Date = new Date(),
): Promise<EvaluateAlertsResult> {
  let fired = 0;
  for await (const page of currentBudgetStates(deps.db, now.getTime())) {
    fired += (await deps.dispatcher.fire(page.flatMap(budgetThresholdAlerts))).length;
  }
  fired += (await deps.dispatcher.fire(await spendSpikeAlerts(deps.db, now, deps.spendSpike)))
    .length;
  fired += (await deps.dispatcher.fire(await errorRateAlerts(deps.db, now, deps.errorRate))).length;
  const resent = await deps.dispatcher.resendStuck(now);
  return { fired, resent };
}
