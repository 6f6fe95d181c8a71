import type { JobsOptions } from 'bullmq';
import { z } from 'zod';

/** Webhook deliveries, one job per alert row (= alert × channel). Produced and consumed here. */
export const alertDeliveryQueueName = 'alert-deliveries';
export const deliverAlertJobName = 'deliver-alert';
/** Deliveries that used up every attempt, kept (never consumed) for inspection and replay. */
export const alertDeadLetterQueueName = 'alerts-dead-letter';
export const deadLetteredAlertJobName = 'dead-lettered-alert';

export const deliverAlertJobSchema = z.object({ alertId: z.string().min(1) }).strict();
export type DeliverAlertJob = z.infer<typeof deliverAlertJobSchema>;

export const deadLetteredAlertJobSchema = z
  .object({
    alertId: z.string(),
    channelId: z.string().nullable(),
    attempts: z.number().int(),
    lastError: z.string(),
    deadLetteredAt: z.string(),
  })
  .strict();
export type DeadLetteredAlertJob = z.infer<typeof deadLetteredAlertJobSchema>;

export interface AlertDeliveryPolicy {
  attempts: number;
  backoffMs: number;
}

/**
 * jobId = alert id: enqueueing an alert again (the sweep of stuck alerts, a retried batch) while
 * its job exists is a no-op, so one alert row never has two deliveries running.
 */
export function deliverAlertJobOptions(alertId: string, policy: AlertDeliveryPolicy): JobsOptions {
  return {
    jobId: alertId,
    attempts: policy.attempts,
    backoff: { type: 'exponential', delay: policy.backoffMs },
    removeOnComplete: { age: 86_400, count: 10_000 },
    // Failed jobs are also copied to the dead-letter queue; this copy ages out.
    removeOnFail: { age: 7 * 86_400 },
  };
}
