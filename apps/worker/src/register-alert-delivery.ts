import { Queue, UnrecoverableError, Worker, type Job } from 'bullmq';
import { parseMasterKeyRing } from '@switchyard/policy';
import { ZodError } from 'zod';
import {
  alertDeadLetterQueueName,
  alertDeliveryQueueName,
  deliverAlertJobName,
} from './alerts/alert-queues.js';
import { deliverAlert, type DeliveryOutcome } from './handlers/deliver-alert.handler.js';
import type { WorkerDependencies } from './worker-dependencies.js';

export interface AlertDelivery {
  /** Where new alerts are enqueued for delivery. */
  deliveries: Queue;
  close(): Promise<void>;
}

/** The webhook delivery consumer, its queue and the dead-letter queue it fills. */
export function registerAlertDelivery(deps: WorkerDependencies): AlertDelivery {
  const { config, connection, prefix, logger } = deps;
  const deliveries = new Queue(alertDeliveryQueueName, { connection, prefix });
  const deadLetters = new Queue(alertDeadLetterQueueName, { connection, prefix });
  // Connection errors are already logged once by the connection's owner (start-worker).
  for (const queue of [deliveries, deadLetters]) queue.on('error', () => undefined);
  const keyRing = config.SWITCHYARD_MASTER_KEYS
    ? parseMasterKeyRing(config.SWITCHYARD_MASTER_KEYS)
    : undefined;
  if (!keyRing) {
    logger.warn('SWITCHYARD_MASTER_KEYS is not set: alerts are recorded but cannot be delivered');
  }
  const worker = new Worker(
    alertDeliveryQueueName,
    async (job: Job): Promise<DeliveryOutcome> => {
      if (job.name !== deliverAlertJobName) {
        throw new UnrecoverableError(`unknown job "${job.name}" on ${alertDeliveryQueueName}`);
      }
      try {
        return await deliverAlert(
          job.data,
          { attemptsMade: job.attemptsMade, maxAttempts: job.opts.attempts ?? 1 },
          {
            db: deps.db,
            keyRing,
            deadLetters,
            timeoutMs: config.ALERT_DELIVERY_TIMEOUT_MS,
            logger,
            metrics: deps.metrics,
          },
        );
      } catch (error) {
        // A payload that fails its schema will fail the same way on every retry.
        if (error instanceof ZodError) throw new UnrecoverableError(error.message);
        throw error;
      }
    },
    { connection, prefix, concurrency: config.ALERT_DELIVERY_CONCURRENCY },
  );
  worker.on('error', (error) => logger.error({ err: error.message }, 'alert worker error'));
  return {
    deliveries,
    async close() {
      await worker.close();
      await Promise.all([deliveries.close(), deadLetters.close()]);
    },
  };
}
