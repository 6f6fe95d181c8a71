import { UnrecoverableError, Worker, type Job } from 'bullmq';
import { SpanStatusCode } from '@switchyard/telemetry';
import { usageBatchJobName, usageQueueName } from '@switchyard/usage';
import { AlertDispatcher } from './alerts/alert-dispatcher.js';
import { evaluateBatchAlerts } from './alerts/evaluate-batch-alerts.js';
import { registerAlertDelivery } from './register-alert-delivery.js';
import { registerMaintenance } from './register-maintenance.js';
import { handleUsageBatch, type UsageBatchResult } from './handlers/usage-batch.handler.js';
import type { WorkerDependencies } from './worker-dependencies.js';
import { InvalidUsageBatchError } from './usage/parse-usage-batch.js';

export type { WorkerDependencies } from './worker-dependencies.js';

export interface RegisteredWorkers {
  /** Stops taking jobs and waits for the ones in progress to finish. */
  close(): Promise<void>;
}

function processUsageBatch(deps: WorkerDependencies, dispatcher: AlertDispatcher) {
  return async (job: Job): Promise<UsageBatchResult> => {
    if (job.name !== usageBatchJobName) {
      deps.metrics.usageBatches.inc({ outcome: 'rejected' });
      throw new UnrecoverableError(`unknown job name "${job.name}" on ${usageQueueName}`);
    }
    // One span per batch, tagged with the request ids it carries (off unless tracing is on).
    const span = deps.tracing?.enabled
      ? deps.tracing.tracer.startSpan('worker usage-batch', {
          attributes: {
            'switchyard.batch_id': String(job.id),
            'switchyard.request_ids': requestIdsOf(job.data),
          },
        })
      : undefined;
    try {
      const result = await handleUsageBatch(job.data, {
        db: deps.db,
        logger: deps.logger,
        payloadRetentionDefaultDays: deps.config.PAYLOAD_RETENTION_DEFAULT_DAYS,
        onCommitted: async (batch) => {
          await evaluateBatchAlerts(batch, { db: deps.db, dispatcher });
        },
      });
      deps.metrics.usageEvents.inc({ result: 'inserted' }, result.inserted);
      deps.metrics.usageEvents.inc({ result: 'duplicate' }, result.duplicates);
      deps.metrics.usageEvents.inc({ result: 'invalid' }, result.invalid);
      deps.metrics.usageBatches.inc({ outcome: 'completed' });
      span?.setAttributes({
        'switchyard.inserted': result.inserted,
        'switchyard.duplicates': result.duplicates,
      });
      return result;
    } catch (error) {
      span?.setStatus({ code: SpanStatusCode.ERROR, message: (error as Error).message });
      if (error instanceof InvalidUsageBatchError) {
        // Retrying cannot fix a malformed payload; keep it in the failed set for inspection.
        deps.metrics.usageBatches.inc({ outcome: 'rejected' });
        throw new UnrecoverableError(error.message);
      }
      // Transient (Postgres down, deadlock, timeout): BullMQ retries with backoff.
      deps.metrics.usageBatches.inc({ outcome: 'failed' });
      throw error;
    } finally {
      span?.end();
    }
  };
}

/**
 * Starts the BullMQ consumers: usage batches (followed by their alert evaluation), alert
 * deliveries, and the repeatable maintenance jobs (payload erasure, budget-counter
 * reconciliation, periodic alert evaluation). A worker whose process dies mid-batch leaves its
 * job locked for WORKER_LOCK_DURATION_MS; BullMQ then hands it to another worker, whose
 * transaction redoes it.
 */
export async function registerWorkers(deps: WorkerDependencies): Promise<RegisteredWorkers> {
  const { config, connection, prefix, logger } = deps;
  const alerts = registerAlertDelivery(deps);
  const dispatcher = new AlertDispatcher({
    db: deps.db,
    deliveries: alerts.deliveries,
    policy: {
      attempts: config.ALERT_DELIVERY_ATTEMPTS,
      backoffMs: config.ALERT_DELIVERY_BACKOFF_MS,
    },
    logger,
    metrics: deps.metrics,
  });
  const lockDuration = config.WORKER_LOCK_DURATION_MS;
  const usageWorker = new Worker(usageQueueName, processUsageBatch(deps, dispatcher), {
    connection,
    prefix,
    concurrency: config.USAGE_CONCURRENCY,
    lockDuration,
    stalledInterval: lockDuration,
    // A batch interrupted by a crash is retried; only a batch that kills workers repeatedly fails.
    maxStalledCount: 5,
  });
  usageWorker.on('failed', (job, error) =>
    logger.warn(
      { jobId: job?.id, attempts: job?.attemptsMade, err: error.message },
      'usage batch failed',
    ),
  );
  usageWorker.on('error', (error) => logger.error({ err: error.message }, 'usage worker error'));
  const maintenance = await registerMaintenance(deps, dispatcher);

  return {
    async close() {
      // Worker.close() waits for the jobs in progress, so a batch is never cut half-way by a
      // graceful shutdown (and if it were, its transaction would roll back).
      await Promise.all([usageWorker.close(), maintenance.close(), alerts.close()]);
    },
  };
}

/** Request ids of a batch, for the span (capped: a span attribute is not a log). */
function requestIdsOf(data: unknown): string[] {
  const events = (data as { events?: unknown } | null)?.events;
  if (!Array.isArray(events)) return [];
  return events
    .slice(0, 200)
    .map((event) => (event as { requestId?: unknown }).requestId)
    .filter((id): id is string => typeof id === 'string');
}
