import { randomUUID } from 'node:crypto';
import { Queue } from 'bullmq';
import { createPrismaClient, type Database } from '@switchyard/db';
import { usageQueuePrefix, type UsageEventInput } from '@switchyard/usage';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { AlertDispatcher } from '../src/alerts/alert-dispatcher.js';
import { alertDeliveryQueueName } from '../src/alerts/alert-queues.js';
import { evaluateBatchAlerts } from '../src/alerts/evaluate-batch-alerts.js';
import {
  evaluateAlerts,
  type EvaluateAlertsDeps,
} from '../src/handlers/evaluate-alerts.handler.js';
import { handleUsageBatch } from '../src/handlers/usage-batch.handler.js';
import {
  createTenant,
  deploymentPrefix,
  redisConnection,
  usageEventAt,
} from './helpers/alert-fixtures.js';

const hourMs = 3_600_000;
const minuteMs = 60_000;
const logger = pino({ level: 'silent' });
let db: Database;
let deliveries: Queue;
let deps: EvaluateAlertsDeps;

beforeAll(() => {
  db = createPrismaClient(inject('TEST_DATABASE_URL'));
  // These tenants have no channels: alerts are recorded without being delivered.
  deliveries = new Queue(alertDeliveryQueueName, {
    connection: redisConnection(),
    prefix: usageQueuePrefix(deploymentPrefix()),
  });
  const dispatcher = new AlertDispatcher({
    db,
    deliveries,
    policy: { attempts: 1, backoffMs: 1 },
    logger,
  });
  deps = {
    db,
    dispatcher,
    spendSpike: { factor: 3, minimumNanoUsd: 1_000_000n },
    errorRate: { windowMinutes: 10, thresholdPercent: 20, minimumRequests: 20 },
  };
});
afterAll(async () => {
  await deliveries.close();
  await db.$disconnect();
});

const ingest = (
  events: UsageEventInput[],
  onCommitted?: Parameters<typeof handleUsageBatch>[1]['onCommitted'],
) =>
  handleUsageBatch(
    { batchId: randomUUID(), events },
    { db, logger, payloadRetentionDefaultDays: 30, onCommitted },
  );

/** Sorted: alerts recorded by one statement share their fired_at. */
const alertKeys = async (tenantId: string, kind: string) =>
  (await db.alert.findMany({ where: { tenantId, kind } })).map((alert) => alert.dedupeKey).sort();

describe('periodic alert evaluation', () => {
  it('fires a spend spike once per tenant and hour', async () => {
    const tenantId = await createTenant(db);
    const quiet = await createTenant(db);
    // Half past the previous hour: fixed, so the hours compared never depend on when this runs.
    const hour = Math.floor(Date.now() / hourMs) * hourMs - hourMs;
    const now = new Date(hour + 30 * minuteMs);
    const baseline = (tenant: string) =>
      Array.from({ length: 24 }, (_, index) =>
        usageEventAt(tenant, new Date(hour - (index + 1) * hourMs + 5 * minuteMs), {
          costNanoUsd: '1000000',
        }),
      );
    // A mean of 1,000,000 per hour, then 4,000,000 in 10 minutes (> 3×); the quiet tenant stays put.
    await ingest([
      ...baseline(tenantId),
      ...baseline(quiet),
      usageEventAt(tenantId, new Date(hour + 10 * minuteMs), { costNanoUsd: '4000000' }),
      usageEventAt(quiet, new Date(hour + 10 * minuteMs), { costNanoUsd: '1000000' }),
    ]);

    await evaluateAlerts(deps, now);
    await evaluateAlerts(deps, new Date(now.getTime() + 20 * minuteMs));
    const first = `spend_spike:${tenantId}:${new Date(hour).toISOString()}`;
    expect(await alertKeys(tenantId, 'spend_spike')).toEqual([first]);
    expect(await alertKeys(quiet, 'spend_spike')).toEqual([]);

    // The next hour spikes again: a new window, a new alert (and the previous hour is not re-sent).
    await ingest([
      usageEventAt(tenantId, new Date(hour + hourMs + 5 * minuteMs), { costNanoUsd: '9000000' }),
    ]);
    await evaluateAlerts(deps, new Date(now.getTime() + hourMs));
    await evaluateAlerts(deps, new Date(now.getTime() + hourMs + 5 * minuteMs));
    const alerts = await db.alert.findMany({ where: { tenantId, kind: 'spend_spike' } });
    expect(alerts.map((alert) => alert.dedupeKey).sort()).toEqual(
      [first, `spend_spike:${tenantId}:${new Date(hour + hourMs).toISOString()}`].sort(),
    );
    expect(alerts.find((alert) => alert.dedupeKey === first)?.payload).toMatchObject({
      data: { spentNanoUsd: '4000000', previousDayNanoUsd: '24000000' },
    });
  });

  it('fires an error-rate spike once per tenant, provider and window', async () => {
    const tenantId = await createTenant(db);
    const windowMs = 10 * minuteMs;
    // The middle of the previous aligned window, so `now` and `now + 1 min` share a window.
    const window = Math.floor(Date.now() / windowMs) * windowMs - windowMs;
    const now = new Date(window + 5 * minuteMs);
    const at = (offsetMs: number) => new Date(now.getTime() - offsetMs);
    const failedOver = (provider: string, status: number, fault: 'provider' | 'caller') =>
      usageEventAt(tenantId, at(2 * minuteMs), {
        provider: null,
        servedModel: null,
        status: fault === 'caller' ? 400 : 502,
        costNanoUsd: '0',
        attempts: [{ deploymentId: 'd1', provider, model: 'm', status, fault, latencyMs: 5 }],
      });
    await ingest([
      // openai: 24 served + 8 failed attempts = 25 % errors, over the 20 % threshold.
      ...Array.from({ length: 24 }, () => usageEventAt(tenantId, at(minuteMs))),
      ...Array.from({ length: 8 }, () => failedOver('openai', 503, 'provider')),
      // Caller mistakes say nothing about the provider and are not counted.
      ...Array.from({ length: 30 }, () => failedOver('anthropic', 400, 'caller')),
      // anthropic: 5 failures of 5 attempts, but below the 20-attempt minimum.
      ...Array.from({ length: 5 }, () => failedOver('anthropic', 500, 'provider')),
      // Outside the window: ignored.
      ...Array.from({ length: 40 }, () => failedOver('openai', 503, 'provider')).map((event) => ({
        ...event,
        occurredAt: at(windowMs + minuteMs).toISOString(),
      })),
    ]);

    await evaluateAlerts(deps, now);
    await evaluateAlerts(deps, new Date(now.getTime() + minuteMs));
    const windowStart = new Date(window).toISOString();
    expect(await alertKeys(tenantId, 'error_rate_spike')).toEqual([
      `error_rate_spike:${tenantId}:openai:${windowStart}`,
    ]);
    const [alert] = await db.alert.findMany({ where: { tenantId, kind: 'error_rate_spike' } });
    expect(alert?.payload).toMatchObject({
      data: { provider: 'openai', attempts: 32, errors: 8, percent: 25 },
    });

    // Still failing in the next window: one more alert.
    await ingest(
      Array.from({ length: 25 }, () => ({
        ...failedOver('openai', 503, 'provider'),
        occurredAt: new Date(now.getTime() + windowMs - minuteMs).toISOString(),
      })),
    );
    await evaluateAlerts(deps, new Date(now.getTime() + windowMs));
    expect(await alertKeys(tenantId, 'error_rate_spike')).toEqual([
      `error_rate_spike:${tenantId}:openai:${windowStart}`,
      `error_rate_spike:${tenantId}:openai:${new Date(window + windowMs).toISOString()}`,
    ]);
  });
});

describe('alerts after a usage batch', () => {
  it('fires model drift once per tenant, model and day, even when the batch is redelivered', async () => {
    const tenantId = await createTenant(db, 'Asia/Tokyo');
    const onCommitted = async (batch: Parameters<typeof evaluateBatchAlerts>[0]) => {
      await evaluateBatchAlerts(batch, { db, dispatcher: deps.dispatcher });
    };
    const drifted = (occurredAt: string) =>
      usageEventAt(tenantId, new Date(occurredAt), {
        modelId: 'model-sonnet',
        modelDrift: true,
        servedModel: 'claude-sonnet-other',
        provider: 'anthropic',
      });
    // 14:59Z and 15:00Z are different days in Tokyo (UTC+9).
    const batch = [
      drifted('2026-11-24T14:00:00Z'),
      drifted('2026-11-24T14:59:00Z'),
      drifted('2026-11-24T15:00:00Z'),
      usageEventAt(tenantId, new Date('2026-11-24T15:00:00Z')),
    ];
    await ingest(batch, onCommitted);
    await ingest(batch, onCommitted);
    await ingest([drifted('2026-11-24T16:00:00Z')], onCommitted);
    expect(await alertKeys(tenantId, 'model_drift')).toEqual([
      `model_drift:${tenantId}:model-sonnet:2026-11-24`,
      `model_drift:${tenantId}:model-sonnet:2026-11-25`,
    ]);
  });
});
