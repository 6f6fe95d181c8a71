import { Queue, UnrecoverableError, Worker, type Job } from 'bullmq';
import type { AlertDispatcher } from './alerts/alert-dispatcher.js';
import { reconcileBudgetCounters } from './budgets/reconcile-budget-counters.js';
import { evaluateAlerts } from './handlers/evaluate-alerts.handler.js';
import { erasePayloadBodies } from './handlers/payload-retention.handler.js';
import type { WorkerDependencies } from './worker-dependencies.js';

/** The worker's own housekeeping queue (produced and consumed here only). */
export const maintenanceQueueName = 'worker-maintenance';
export const erasePayloadBodiesJobName = 'erase-payload-bodies';
export const reconcileBudgetCountersJobName = 'reconcile-budget-counters';
export const evaluateAlertsJobName = 'evaluate-alerts';

export interface Maintenance {
  close(): Promise<void>;
}

/**
 * Repeatable jobs. A job scheduler produces one job per interval for the whole deployment, so
 * with several worker replicas each job still runs once per interval.
 */
export async function registerMaintenance(
  deps: WorkerDependencies,
  dispatcher: AlertDispatcher,
): Promise<Maintenance> {
  const { config, connection, prefix, logger, metrics, db } = deps;
  const queue = new Queue(maintenanceQueueName, { connection, prefix });
  // Connection errors are already logged once by the connection's owner (start-worker).
  queue.on('error', () => undefined);
  const schedules: Array<[string, number]> = [
    [erasePayloadBodiesJobName, config.PAYLOAD_RETENTION_INTERVAL_MS],
    [reconcileBudgetCountersJobName, config.RECONCILE_INTERVAL_MS],
    [evaluateAlertsJobName, config.ALERT_EVALUATION_INTERVAL_MS],
  ];
  const upsertSchedules = () =>
    Promise.all(
      schedules.map(([name, every]) =>
        queue.upsertJobScheduler(
          name,
          { every },
          { name, opts: { removeOnComplete: 100, removeOnFail: 100 } },
        ),
      ),
    );
  await upsertSchedules();
  // Schedulers live in Redis: a Redis that restarted empty has forgotten them, and with them
  // the reconciliation that would repair its budget counters. Upserting is idempotent.
  const onReady = () => {
    upsertSchedules().catch((error: unknown) =>
      logger.warn({ err: (error as Error).message }, 'could not restore job schedulers'),
    );
  };
  connection.on('ready', onReady);

  const processJob = async (job: Job) => {
    switch (job.name) {
      case erasePayloadBodiesJobName: {
        const erased = await erasePayloadBodies(db);
        metrics.payloadBodiesErased.inc(erased);
        if (erased > 0) logger.info({ erased }, 'expired payload bodies erased');
        return { erased };
      }
      case reconcileBudgetCountersJobName: {
        const result = await reconcileBudgetCounters({
          db,
          redis: connection,
          redisPrefix: config.SWITCHYARD_REDIS_PREFIX,
        });
        metrics.budgetCounterCorrections.inc({ field: 'spent' }, result.raised);
        metrics.budgetCounterCorrections.inc({ field: 'reserved' }, result.reservedReset);
        metrics.budgetCounterRaisedNanoUsd.inc(Number(result.raisedNanoUsd));
        if (result.raised > 0 || result.reservedReset > 0) {
          // Redis was behind Postgres: it lost data. Worth a look even though it is repaired.
          logger.warn(
            { ...result, raisedNanoUsd: result.raisedNanoUsd.toString() },
            'budget counters corrected from Postgres',
          );
        }
        return { ...result, raisedNanoUsd: result.raisedNanoUsd.toString() };
      }
      case evaluateAlertsJobName:
        return evaluateAlerts({
          db,
          dispatcher,
          spendSpike: {
            factor: config.SPEND_SPIKE_FACTOR,
            minimumNanoUsd: config.SPEND_SPIKE_MIN_NANO_USD,
          },
          errorRate: {
            windowMinutes: config.ERROR_RATE_WINDOW_MINUTES,
            thresholdPercent: config.ERROR_RATE_THRESHOLD_PERCENT,
            minimumRequests: config.ERROR_RATE_MIN_REQUESTS,
          },
        });
      default:
        throw new UnrecoverableError(`unknown job "${job.name}" on ${maintenanceQueueName}`);
    }
  };
  // One slot per job kind, so a long erasure never delays reconciliation or alerting.
  const worker = new Worker(maintenanceQueueName, processJob, {
    connection,
    prefix,
    concurrency: schedules.length,
  });
  worker.on('error', (error) => logger.error({ err: error.message }, 'maintenance worker error'));

  return {
    async close() {
      connection.off('ready', onReady);
      await worker.close();
      await queue.close();
    },
  };
}
