import type { JobsOptions } from 'bullmq';

/**
 * The BullMQ `prefix` both sides of the usage queue use: producer (data plane) and consumer
 * (worker) must agree on it or the worker never sees a job. `prefix` is the deployment's
 * SWITCHYARD_REDIS_PREFIX (e.g. `sy:` → `sy:bull`).
 */
export function usageQueuePrefix(prefix: string): string {
  return `${prefix}bull`;
}

/** BullMQ forbids ':' in custom job ids and numeric-looking ids; batch ids are UUIDs. */
const validBatchId = /^[A-Za-z0-9_-]*[A-Za-z_-][A-Za-z0-9_-]*$/;

/**
 * Job options for one usage batch. `jobId = batchId` makes BullMQ ignore a re-send of a batch it
 * still holds (an enqueue that timed out but landed); completed jobs are kept for an hour so such
 * re-sends stay deduplicated, while the worker's request-id idempotency covers anything older.
 * Transient consumer failures (Postgres down) retry with exponential backoff for ~9 hours, and
 * jobs that still fail are kept for inspection rather than deleted.
 */
export function usageBatchJobOptions(batchId: string): JobsOptions {
  if (!validBatchId.test(batchId)) throw new RangeError(`invalid usage batch id: "${batchId}"`);
  return {
    jobId: batchId,
    attempts: 15,
    backoff: { type: 'exponential', delay: 1_000 },
    removeOnComplete: { age: 3_600, count: 1_000 },
    removeOnFail: false,
  };
}
