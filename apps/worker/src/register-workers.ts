import { Queue, UnrecoverableError, Worker, type Job } from 'bullmq';
import type { Database } from '@switchyard/db';
import { usageBatchJobName, usageQueueName } from '@switchyard/usage';
import type { Redis } from 'ioredis';
import type { Logger } from 'pino';
import type { WorkerConfig } from './config.js';
import { erasePayloadBodies } from './handlers/payload-retention.handler.js';
import { handleUsageBatch, type UsageBatchResult } from './handlers/usage-batch.handler.js';
import type { WorkerMetrics } from './http/worker-metrics.js';
import { InvalidUsageBatchError } from './usage/parse-usage-batch.js';

/** The worker's own housekeeping queue (produced and consumed here only). */
export const maintenanceQueueName = 'worker-maintenance';
export const erasePayloadBodiesJobName = 'erase-payload-bodies';

export interface WorkerDependencies {
  config: WorkerConfig;
  db: Database;
  /** A connection with maxRetriesPerRequest: null, as BullMQ workers require. */
  connection: Redis;
  /** BullMQ prefix shared with the producers (usageQueuePrefix). */
  prefix: string;
  logger: Logger;
  metrics: WorkerMetrics;
}

export interface RegisteredWorkers {
  /** Stops taking jobs and waits for the ones in progress to finish. */
  close(): Promise<void>;
}

function processUsageBatch(deps: WorkerDependencies) {
  return async (job: Job): Promise<UsageBatchResult> => {
    if (job.name !== usageBatchJobName) {
      deps.metrics.usageBatches.inc({ outcome: 'rejected' });
      throw new UnrecoverableError(`unknown job name "${job.name}" on ${usageQueueName}`);
    }
    try {
      const result = await handleUsageBatch(job.data, {
        db: deps.db,
        logger: deps.logger,
        payloadRetentionDefaultDays: deps.config.PAYLOAD_RETENTION_DEFAULT_DAYS,
      });
      deps.metrics.usageEvents.inc({ result: 'inserted' }, result.inserted);
      deps.metrics.usageEvents.inc({ result: 'duplicate' }, result.duplicates);
      deps.metrics.usageEvents.inc({ result: 'invalid' }, result.invalid);
      deps.metrics.usageBatches.inc({ outcome: 'completed' });
      return result;
    } catch (error) {
      if (error instanceof InvalidUsageBatchError) {
        // Retrying cannot fix a malformed payload; keep it in the failed set for inspection.
        deps.metrics.usageBatches.inc({ outcome: 'rejected' });
        throw new UnrecoverableError(error.message);
      }
      // Transient (Postgres down, deadlock, timeout): BullMQ retries with backoff.
      deps.metrics.usageBatches.inc({ outcome: 'failed' });
      throw error;
    }
  };
}

/**
 * Starts the BullMQ consumers: usage batches, and a repeatable job that erases expired
 * payload bodies. A worker whose process dies mid-batch leaves its job locked for
 * WORKER_LOCK_DURATION_MS; BullMQ then hands it to another worker, whose transaction redoes it.
 */
export async function registerWorkers(deps: WorkerDependencies): Promise<RegisteredWorkers> {
  const { config, connection, prefix, logger } = deps;
  const lockDuration = config.WORKER_LOCK_DURATION_MS;
  const usageWorker = new Worker(usageQueueName, processUsageBatch(deps), {
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

  const maintenanceQueue = new Queue(maintenanceQueueName, { connection, prefix });
  await maintenanceQueue.upsertJobScheduler(
    erasePayloadBodiesJobName,
    { every: config.PAYLOAD_RETENTION_INTERVAL_MS },
    { name: erasePayloadBodiesJobName, opts: { removeOnComplete: 100, removeOnFail: 100 } },
  );
  const maintenanceWorker = new Worker(
    maintenanceQueueName,
    async (job: Job) => {
      if (job.name !== erasePayloadBodiesJobName)
        throw new UnrecoverableError(`unknown job "${job.name}"`);
      const erased = await erasePayloadBodies(deps.db);
      deps.metrics.payloadBodiesErased.inc(erased);
      if (erased > 0) logger.info({ erased }, 'expired payload bodies erased');
      return { erased };
    },
    { connection, prefix, concurrency: 1 },
  );
  maintenanceWorker.on('error', (error) =>
    logger.error({ err: error.message }, 'maintenance worker error'),
  );

  return {
    async close() {
      // Worker.close() waits for the jobs in progress, so a batch is never cut half-way by a
      // graceful shutdown (and if it were, its transaction would roll back).
      await Promise.all([usageWorker.close(), maintenanceWorker.close()]);
      await maintenanceQueue.close();
    },
  };
}
