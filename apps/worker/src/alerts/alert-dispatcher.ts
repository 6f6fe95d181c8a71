import type { Queue } from 'bullmq';
import type { Database } from '@switchyard/db';
import type { Logger } from 'pino';
import type { WorkerMetrics } from '../http/worker-metrics.js';
import type { AlertCandidate } from './alert-candidate.js';
import {
  deliverAlertJobName,
  deliverAlertJobOptions,
  type AlertDeliveryPolicy,
} from './alert-queues.js';
import { recordAlerts, type RecordedAlert } from './record-alerts.js';

export interface AlertDispatcherDeps {
  db: Database;
  deliveries: Queue;
  policy: AlertDeliveryPolicy;
  logger: Logger;
  metrics?: WorkerMetrics;
}

/** How long an undelivered alert may sit without a change before the sweep enqueues it again. */
const stuckAfterMs = 60_000;
const sweepLimit = 500;

/** Records alerts once and hands the new ones to the delivery queue. */
export class AlertDispatcher {
  constructor(private readonly deps: AlertDispatcherDeps) {}

  /** Records the candidates; returns (and enqueues for delivery) only the rows that are new. */
  async fire(candidates: readonly AlertCandidate[]): Promise<RecordedAlert[]> {
    if (candidates.length === 0) return [];
    const recorded = await recordAlerts(this.deps.db, candidates);
    for (const alert of recorded) this.deps.metrics?.alertsFired.inc({ kind: alert.kind });
    if (recorded.length > 0) {
      this.deps.logger.info(
        { alerts: recorded.map(({ id, kind, tenantId }) => ({ id, kind, tenantId })) },
        'alerts fired',
      );
    }
    await this.enqueue(recorded.flatMap((alert) => (alert.channelId ? [alert.id] : [])));
    return recorded;
  }

  /**
   * Re-enqueues alerts that are neither delivered nor dead-lettered and have not moved for a
   * minute: their job was lost (the worker died between recording and enqueueing, or Redis lost
   * data). For alerts whose job still exists this is a no-op, thanks to jobId = alert id.
   */
  async resendStuck(now: Date = new Date()): Promise<number> {
    const stuck = await this.deps.db.alert.findMany({
      where: {
        status: { in: ['PENDING', 'FAILED'] },
        channelId: { not: null },
        updatedAt: { lt: new Date(now.getTime() - stuckAfterMs) },
      },
      select: { id: true },
      orderBy: { updatedAt: 'asc' },
      take: sweepLimit,
    });
    await this.enqueue(stuck.map((alert) => alert.id));
    return stuck.length;
  }

  private async enqueue(alertIds: readonly string[]): Promise<void> {
    if (alertIds.length === 0) return;
    await this.deps.deliveries.addBulk(
      alertIds.map((alertId) => ({
        name: deliverAlertJobName,
        data: { alertId },
        opts: deliverAlertJobOptions(alertId, this.deps.policy),
      })),
    );
  }
}
