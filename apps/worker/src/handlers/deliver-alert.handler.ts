import type { Queue } from 'bullmq';
import type { Database } from '@switchyard/db';
import { openSecret, sealedSecretSchema, type MasterKeyRing } from '@switchyard/policy';
import {
  signWebhookPayload,
  webhookAlertIdHeader,
  webhookSignatureHeader,
} from '@switchyard/usage';
import type { Logger } from 'pino';
import { alertPayloadSchema, type AlertPayload } from '../alerts/alert-candidate.js';
import {
  deadLetteredAlertJobName,
  deliverAlertJobSchema,
  type DeadLetteredAlertJob,
} from '../alerts/alert-queues.js';
import type { WorkerMetrics } from '../http/worker-metrics.js';

export interface DeliverAlertDeps {
  db: Database;
  /** Opens channels' signing secrets; undefined when SWITCHYARD_MASTER_KEYS is not set. */
  keyRing: MasterKeyRing | undefined;
  deadLetters: Queue;
  timeoutMs: number;
  logger: Logger;
  metrics?: WorkerMetrics;
  now?: () => number;
}

/** Where this delivery stands among its job's attempts (BullMQ counts failed ones). */
export interface DeliveryAttempt {
  attemptsMade: number;
  maxAttempts: number;
}

export type DeliveryOutcome = 'delivered' | 'skipped';

/** Thrown for a failed attempt; BullMQ retries it with backoff until the attempts run out. */
export class AlertDeliveryError extends Error {
  override readonly name = 'AlertDeliveryError';
}

/** The webhook body: the alert as recorded, with its id so receivers can deduplicate. */
export function alertWebhookBody(alert: {
  id: string;
  kind: string;
  tenantId: string;
  firedAt: Date;
  payload: AlertPayload;
}): string {
  return JSON.stringify({
    id: alert.id,
    kind: alert.kind,
    tenantId: alert.tenantId,
    firedAt: alert.firedAt.toISOString(),
    eventKey: alert.payload.eventKey,
    title: alert.payload.title,
    data: alert.payload.data,
  });
}

/**
 * POSTs one alert to its channel, signed with the channel's secret. 2xx is delivered; anything
 * else (or no answer within the timeout) is a failed attempt, recorded on the row and retried
 * by BullMQ; the last failed attempt dead-letters the alert. Delivery is at least once: a worker
 * dying after the receiver answered but before the row is updated delivers again, with the same
 * x-switchyard-alert-id.
 */
export async function deliverAlert(
  data: unknown,
  attempt: DeliveryAttempt,
  deps: DeliverAlertDeps,
): Promise<DeliveryOutcome> {
  const { alertId } = deliverAlertJobSchema.parse(data);
  const alert = await deps.db.alert.findUnique({
    where: { id: alertId },
    include: { channel: true },
  });
  // Deleted with its tenant, or already settled by an earlier run of a re-enqueued job.
  if (!alert || alert.status === 'DELIVERED' || alert.status === 'DEAD_LETTERED') return 'skipped';

  let failure: string | undefined;
  const channel = alert.channel;
  if (!channel || !channel.enabled) {
    // Nothing to retry against: the channel was deleted or switched off after the alert fired.
    await deadLetter(
      alert.id,
      alert.channelId,
      alert.attempts,
      'alert channel deleted or disabled',
      deps,
    );
    return 'skipped';
  }
  try {
    const secret = openSigningSecret(channel.signingSecretCiphertext, deps.keyRing);
    const body = alertWebhookBody({ ...alert, payload: alertPayloadSchema.parse(alert.payload) });
    const timestamp = Math.floor((deps.now ?? Date.now)() / 1000);
    const response = await fetch(channel.url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'user-agent': 'switchyard-worker',
        [webhookSignatureHeader]: signWebhookPayload(body, secret, timestamp),
        [webhookAlertIdHeader]: alert.id,
      },
      body,
      // A redirect could point the signed body anywhere; the configured URL must answer itself.
      redirect: 'manual',
      signal: AbortSignal.timeout(deps.timeoutMs),
    });
    const text = await readPrefix(response, 1_024);
    if (response.status < 200 || response.status >= 300) {
      failure = `HTTP ${response.status}${text ? `: ${text}` : ''}`;
    }
  } catch (error) {
    failure = describeFailure(error, deps.timeoutMs);
  }
  if (failure === undefined) {
    // Outside the try: a database error here is not the receiver's failure (BullMQ retries it).
    await deps.db.alert.update({
      where: { id: alert.id },
      data: {
        status: 'DELIVERED',
        attempts: { increment: 1 },
        deliveredAt: new Date(),
        lastError: null,
      },
    });
    deps.metrics?.alertDeliveries.inc({ outcome: 'delivered' });
    return 'delivered';
  }

  const attempts = alert.attempts + 1;
  if (attempt.attemptsMade + 1 >= attempt.maxAttempts) {
    await deadLetter(alert.id, alert.channelId, attempts, failure, deps);
    throw new AlertDeliveryError(
      `alert ${alert.id} dead-lettered after ${attempts} attempts: ${failure}`,
    );
  }
  await deps.db.alert.update({
    where: { id: alert.id },
    data: { status: 'FAILED', attempts, lastError: failure },
  });
  deps.metrics?.alertDeliveries.inc({ outcome: 'failed' });
  throw new AlertDeliveryError(`alert ${alert.id} delivery failed: ${failure}`);
}

/**
 * The first bytes of a response body, for the error message; the rest is not read, so a receiver
 * answering with an endless body costs nothing.
 */
async function readPrefix(response: Response, maxBytes: number): Promise<string> {
  const reader = response.body?.getReader();
  if (!reader) return '';
  const chunks: Uint8Array[] = [];
  let length = 0;
  try {
    while (length < maxBytes) {
      const { done, value } = await reader.read();
      if (done) break;
      chunks.push(value);
      length += value.byteLength;
    }
  } catch {
    // A body cut short still leaves the status, which is what decides.
  } finally {
    await reader.cancel().catch(() => undefined);
  }
  return Buffer.concat(chunks).toString('utf8', 0, Math.min(length, maxBytes)).slice(0, 200);
}

function openSigningSecret(ciphertext: string, keyRing: MasterKeyRing | undefined): string {
  if (!keyRing) {
    throw new Error("SWITCHYARD_MASTER_KEYS is not set: cannot open the channel's signing secret");
  }
  return openSecret(sealedSecretSchema.parse(JSON.parse(ciphertext)), keyRing);
}

function describeFailure(error: unknown, timeoutMs: number): string {
  if (error instanceof DOMException && error.name === 'TimeoutError') {
    return `no answer within ${timeoutMs} ms`;
  }
  const message = error instanceof Error ? error.message : String(error);
  const cause =
    error instanceof Error && error.cause instanceof Error ? `: ${error.cause.message}` : '';
  return `${message}${cause}`.slice(0, 500);
}

/** The dead-letter job first: if the row update is lost, a retry finds the job already there. */
async function deadLetter(
  alertId: string,
  channelId: string | null,
  attempts: number,
  lastError: string,
  deps: DeliverAlertDeps,
): Promise<void> {
  const job: DeadLetteredAlertJob = {
    alertId,
    channelId,
    attempts,
    lastError,
    deadLetteredAt: new Date().toISOString(),
  };
  await deps.deadLetters.add(deadLetteredAlertJobName, job, {
    jobId: alertId,
    removeOnComplete: false,
    removeOnFail: false,
  });
  await deps.db.alert.update({
    where: { id: alertId },
    data: { status: 'DEAD_LETTERED', attempts, lastError },
  });
  deps.metrics?.alertDeliveries.inc({ outcome: 'dead_lettered' });
  deps.logger.warn({ alertId, channelId, attempts, lastError }, 'alert dead-lettered');
}
