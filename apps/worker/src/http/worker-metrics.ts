import type { Queue } from 'bullmq';
import { Counter, Gauge, Registry, collectDefaultMetrics } from 'prom-client';

/** Prometheus metrics of one worker process, on its own registry (tests start several). */
export interface WorkerMetrics {
  registry: Registry;
  usageEvents: Counter<'result'>;
  usageBatches: Counter<'outcome'>;
  payloadBodiesErased: Counter;
  budgetCounterCorrections: Counter<'field'>;
  budgetCounterRaisedNanoUsd: Counter;
  alertsFired: Counter<'kind'>;
  alertDeliveries: Counter<'outcome'>;
}

/**
 * Queue depth and lag are read from Redis when Prometheus scrapes, so they are right however
 * many worker replicas share the queue; the counters are this process's own work.
 */
export function createWorkerMetrics(usageQueue: Queue): WorkerMetrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  const usageEvents = new Counter({
    name: 'switchyard_worker_usage_events_total',
    help: 'Usage events processed, by result: inserted (counted), duplicate (already logged), invalid (schema failure).',
    labelNames: ['result'] as const,
    registers: [registry],
  });
  const usageBatches = new Counter({
    name: 'switchyard_worker_usage_batches_total',
    help: 'Usage batches processed, by outcome: completed, failed (will retry), rejected (unrecoverable).',
    labelNames: ['outcome'] as const,
    registers: [registry],
  });
  const payloadBodiesErased = new Counter({
    name: 'switchyard_worker_payload_bodies_erased_total',
    help: 'Request logs whose prompt/completion bodies were erased after their retention period.',
    registers: [registry],
  });
  const budgetCounterCorrections = new Counter({
    name: 'switchyard_worker_budget_counter_corrections_total',
    help: 'Redis budget counters corrected by reconciliation, by field: spent (raised to the Postgres spend), reserved (negative, reset to 0).',
    labelNames: ['field'] as const,
    registers: [registry],
  });
  const budgetCounterRaisedNanoUsd = new Counter({
    name: 'switchyard_worker_budget_counter_raised_nano_usd_total',
    help: 'Spend (nano-USD) Redis budget counters were missing and reconciliation added back.',
    registers: [registry],
  });
  const alertsFired = new Counter({
    name: 'switchyard_worker_alerts_fired_total',
    help: 'Alerts recorded, one per event and channel, by kind (budget_threshold, spend_spike, error_rate_spike, model_drift).',
    labelNames: ['kind'] as const,
    registers: [registry],
  });
  const alertDeliveries = new Counter({
    name: 'switchyard_worker_alert_deliveries_total',
    help: 'Webhook delivery attempts, by outcome: delivered, failed (will retry), dead_lettered (gave up).',
    labelNames: ['outcome'] as const,
    registers: [registry],
  });
  new Gauge({
    name: 'switchyard_usage_queue_jobs',
    help: 'Usage batches in the queue, by state.',
    labelNames: ['state'] as const,
    registers: [registry],
    async collect() {
      const counts = await usageQueue.getJobCounts(
        'waiting',
        'active',
        'delayed',
        'failed',
        'prioritized',
      );
      for (const [state, count] of Object.entries(counts)) this.set({ state }, count);
    },
  });
  new Gauge({
    name: 'switchyard_usage_queue_lag_seconds',
    help: 'Age of the oldest usage batch still waiting to be processed (0 when none waits).',
    registers: [registry],
    async collect() {
      const [oldest] = await usageQueue.getJobs(['waiting', 'prioritized'], 0, 0, true);
      this.set(oldest ? Math.max(0, (Date.now() - oldest.timestamp) / 1_000) : 0);
    },
  });
  return {
    registry,
    usageEvents,
    usageBatches,
    payloadBodiesErased,
    budgetCounterCorrections,
    budgetCounterRaisedNanoUsd,
    alertsFired,
    alertDeliveries,
  };
}
