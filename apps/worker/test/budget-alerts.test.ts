import { randomUUID } from 'node:crypto';
import { Queue } from 'bullmq';
import { createPrismaClient, type Database } from '@switchyard/db';
import { createTestKeyRing } from '@switchyard/testkit';
import {
  usageBatchJobName,
  usageBatchJobOptions,
  usageEventSchema,
  usageQueueName,
  usageQueuePrefix,
  verifyWebhookSignature,
  type UsageEventInput,
} from '@switchyard/usage';
import { pino } from 'pino';
import { afterAll, afterEach, beforeAll, describe, expect, inject, it } from 'vitest';
import { AlertDispatcher } from '../src/alerts/alert-dispatcher.js';
import { alertDeliveryQueueName } from '../src/alerts/alert-queues.js';
import { evaluateBatchAlerts } from '../src/alerts/evaluate-batch-alerts.js';
import { evaluateAlerts } from '../src/handlers/evaluate-alerts.handler.js';
import { startWorker } from '../src/start-worker.js';
import {
  createBudget,
  createTenant,
  createWebhookChannel,
  deploymentPrefix,
  redisConnection,
  testWorkerConfig,
  usageEventAt,
  waitFor,
} from './helpers/alert-fixtures.js';
import { startWebhookReceiver } from './helpers/webhook-receiver.js';

let db: Database;
const cleanups: Array<() => Promise<unknown>> = [];
const logger = pino({ level: 'silent' });

beforeAll(() => {
  db = createPrismaClient(inject('TEST_DATABASE_URL'));
});
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});
afterAll(async () => {
  await db.$disconnect();
});

function queue(name: string, prefix: string): Queue {
  const created = new Queue(name, {
    connection: redisConnection(),
    prefix: usageQueuePrefix(prefix),
  });
  cleanups.push(() => created.close());
  return created;
}

async function enqueue(usage: Queue, events: UsageEventInput[]): Promise<void> {
  const batchId = randomUUID();
  await usage.add(usageBatchJobName, { batchId, events }, usageBatchJobOptions(batchId));
}

async function settled(target: Queue): Promise<boolean> {
  const counts = await target.getJobCounts('waiting', 'active', 'delayed', 'prioritized');
  return Object.values(counts).every((count) => count === 0);
}

describe('budget threshold alerts', () => {
  it('fire 50/80/100 % once each, signed, with redelivered batches and two workers', async () => {
    const { ring, text } = createTestKeyRing();
    const secret = `whsec_${randomUUID()}`;
    const receiver = await startWebhookReceiver();
    cleanups.push(() => receiver.close());
    const tenantId = await createTenant(db);
    const budget = await createBudget(db, tenantId, { limitNanoUsd: 1_000_000n });
    const channel = await createWebhookChannel(db, ring, { tenantId, url: receiver.url, secret });
    cleanups.push(() =>
      db.alertChannel.update({ where: { id: channel.id }, data: { enabled: false } }),
    );

    const prefix = deploymentPrefix();
    const config = testWorkerConfig(prefix, {
      SWITCHYARD_MASTER_KEYS: text,
      ALERT_EVALUATION_INTERVAL_MS: '1000',
      ALERT_DELIVERY_BACKOFF_MS: '20',
      USAGE_CONCURRENCY: '2',
    });
    for (let index = 0; index < 2; index += 1) {
      const worker = await startWorker(config);
      cleanups.push(() => worker.close());
    }

    // 30 %, 55 %, 85 %, 105 % of the limit after each step.
    const now = new Date();
    const step = (costs: number[]) =>
      costs.map((cost) =>
        usageEventAt(tenantId, now, { costNanoUsd: String(cost), budgetIds: [budget.id] }),
      );
    const steps = [
      step([100_000, 200_000]),
      step([250_000]),
      step([150_000, 150_000]),
      step([200_000]),
    ];
    const usage = queue(usageQueueName, prefix);
    for (const events of steps) {
      await enqueue(usage, events);
      // Every batch arrives twice (a producer retry), and once more merged with the next one.
      await enqueue(usage, events);
    }
    await enqueue(usage, steps.flat());

    await waitFor('three deliveries', () => receiver.received.length >= 3);
    const deliveries = queue(alertDeliveryQueueName, prefix);
    await waitFor(
      'usage and deliveries settled',
      async () => (await settled(usage)) && (await settled(deliveries)),
    );

    const spend = await db.budgetSpend.findFirstOrThrow({ where: { budgetId: budget.id } });
    expect(spend.spentNanoUsd).toBe(1_050_000n);
    // A third evaluator (another replica, the same batch redelivered again) fires nothing new.
    const dispatcher = new AlertDispatcher({
      db,
      deliveries,
      policy: { attempts: 6, backoffMs: 20 },
      logger,
    });
    const events = steps.flat().map((event) => usageEventSchema.parse(event));
    const budgets = new Map([
      [budget.id, { id: budget.id, tenantId, period: 'DAILY' as const, timeZone: 'UTC' }],
    ]);
    expect(await evaluateBatchAlerts({ events, budgets }, { db, dispatcher })).toBe(0);
    const periodic = await evaluateAlerts(
      {
        db,
        dispatcher,
        spendSpike: { factor: 3, minimumNanoUsd: 10n ** 18n },
        errorRate: { windowMinutes: 10, thresholdPercent: 100, minimumRequests: 1_000_000 },
      },
      now,
    );
    expect(periodic.fired).toBe(0);

    const alerts = await db.alert.findMany({ where: { tenantId }, orderBy: { firedAt: 'asc' } });
    expect(
      alerts
        .map((alert) => [
          alert.kind,
          alert.dedupeKey,
          alert.status,
          alert.attempts,
          alert.channelId,
        ])
        .sort(),
    ).toEqual(
      [50, 80, 100]
        .map((threshold) => [
          'budget_threshold',
          `budget_threshold:${budget.id}:${now.toISOString().slice(0, 10)}:${threshold}`,
          'DELIVERED',
          1,
          channel.id,
        ])
        .sort(),
    );

    expect(receiver.received).toHaveLength(3);
    const bodies = receiver.received.map((delivery) => {
      const header = delivery.headers['x-switchyard-signature'];
      expect(typeof header).toBe('string');
      expect(verifyWebhookSignature(delivery.body, String(header), secret, 300, Date.now())).toBe(
        true,
      );
      expect(verifyWebhookSignature(delivery.body, String(header), 'wrong', 300, Date.now())).toBe(
        false,
      );
      expect(delivery.headers['content-type']).toBe('application/json');
      const body = JSON.parse(delivery.body) as {
        id: string;
        kind: string;
        data: { threshold: number };
      };
      expect(delivery.headers['x-switchyard-alert-id']).toBe(body.id);
      return body;
    });
    expect(bodies.map((body) => body.data.threshold).sort((a, b) => a - b)).toEqual([50, 80, 100]);
    expect(new Set(bodies.map((body) => body.id))).toEqual(
      new Set(alerts.map((alert) => alert.id)),
    );
  });
});
