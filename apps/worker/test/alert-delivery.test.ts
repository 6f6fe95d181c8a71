import { randomUUID } from 'node:crypto';
import { Queue } from 'bullmq';
import { createPrismaClient, type Database } from '@switchyard/db';
import { createTestKeyRing } from '@switchyard/testkit';
import { usageQueuePrefix, verifyWebhookSignature } from '@switchyard/usage';
import { pino } from 'pino';
import { afterAll, afterEach, beforeAll, describe, expect, inject, it } from 'vitest';
import type { AlertCandidate } from '../src/alerts/alert-candidate.js';
import { AlertDispatcher } from '../src/alerts/alert-dispatcher.js';
import {
  alertDeadLetterQueueName,
  alertDeliveryQueueName,
  deadLetteredAlertJobSchema,
} from '../src/alerts/alert-queues.js';
import { noChannelError } from '../src/alerts/record-alerts.js';
import { startWorker } from '../src/start-worker.js';
import {
  createTenant,
  createWebhookChannel,
  deploymentPrefix,
  redisConnection,
  testWorkerConfig,
  waitFor,
} from './helpers/alert-fixtures.js';
import { startWebhookReceiver, type WebhookReceiver } from './helpers/webhook-receiver.js';

let db: Database;
const cleanups: Array<() => Promise<unknown>> = [];
const { ring, text: masterKeys } = createTestKeyRing();

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

/** A worker delivering with `attempts` tries 20 ms apart (doubling), and a dispatcher feeding it. */
async function deliveryHarness(attempts: number) {
  const prefix = deploymentPrefix();
  const worker = await startWorker(
    testWorkerConfig(prefix, {
      SWITCHYARD_MASTER_KEYS: masterKeys,
      ALERT_DELIVERY_ATTEMPTS: String(attempts),
      ALERT_DELIVERY_BACKOFF_MS: '20',
    }),
  );
  cleanups.push(() => worker.close());
  const deliveries = queue(alertDeliveryQueueName, prefix);
  const dispatcher = new AlertDispatcher({
    db,
    deliveries,
    policy: { attempts, backoffMs: 20 },
    logger: pino({ level: 'silent' }),
  });
  return { prefix, deliveries, dispatcher };
}

function candidate(tenantId: string): AlertCandidate {
  return {
    tenantId,
    kind: 'spend_spike',
    eventKey: `spend_spike:${tenantId}:${randomUUID()}`,
    title: 'Spend spike',
    data: { spentNanoUsd: '123' },
  };
}

async function channelFor(tenantId: string | null, url: string, secret: string) {
  const channel = await createWebhookChannel(db, ring, { tenantId, url, secret });
  // Disabled afterwards so later tests' alerts never reach a closed receiver.
  cleanups.push(() =>
    db.alertChannel.update({ where: { id: channel.id }, data: { enabled: false } }),
  );
  return channel;
}

describe('alert delivery', () => {
  it('retries a failing receiver with backoff and records DELIVERED after the third attempt', async () => {
    const receiver = await startWebhookReceiver((index) => (index < 2 ? 500 : 204));
    cleanups.push(() => receiver.close());
    const tenantId = await createTenant(db);
    const secret = 'whsec_retry';
    await channelFor(tenantId, receiver.url, secret);
    const { dispatcher } = await deliveryHarness(6);

    const [recorded] = await dispatcher.fire([candidate(tenantId)]);
    await waitFor('delivered', async () => {
      const alert = await db.alert.findUniqueOrThrow({ where: { id: recorded!.id } });
      return alert.status === 'DELIVERED';
    });
    const alert = await db.alert.findUniqueOrThrow({ where: { id: recorded!.id } });
    expect(alert).toMatchObject({ status: 'DELIVERED', attempts: 3, lastError: null });
    expect(alert.deliveredAt).toBeInstanceOf(Date);
    expect(receiver.received.map((delivery) => delivery.status)).toEqual([500, 500, 204]);
    // Every attempt is signed afresh (new timestamp) over the same body, with the same alert id.
    for (const delivery of receiver.received) {
      const header = String(delivery.headers['x-switchyard-signature']);
      expect(verifyWebhookSignature(delivery.body, header, secret, 300, Date.now())).toBe(true);
      expect(delivery.headers['x-switchyard-alert-id']).toBe(alert.id);
    }
    expect(new Set(receiver.received.map((delivery) => delivery.body)).size).toBe(1);
  });

  it('dead-letters after the configured attempts, keeping the last error and the job', async () => {
    const receiver = await startWebhookReceiver(() => 503);
    cleanups.push(() => receiver.close());
    const tenantId = await createTenant(db);
    const channel = await channelFor(tenantId, receiver.url, 'whsec_dead');
    const { prefix, dispatcher } = await deliveryHarness(4);

    const [recorded] = await dispatcher.fire([candidate(tenantId)]);
    await waitFor('dead-lettered', async () => {
      const alert = await db.alert.findUniqueOrThrow({ where: { id: recorded!.id } });
      return alert.status === 'DEAD_LETTERED';
    });
    expect(await db.alert.findUniqueOrThrow({ where: { id: recorded!.id } })).toMatchObject({
      status: 'DEAD_LETTERED',
      attempts: 4,
      lastError: 'HTTP 503: receiver unavailable',
      deliveredAt: null,
    });
    expect(receiver.received).toHaveLength(4);

    const deadLetters = queue(alertDeadLetterQueueName, prefix);
    const job = await deadLetters.getJob(recorded!.id);
    expect(deadLetteredAlertJobSchema.parse(job?.data)).toMatchObject({
      alertId: recorded!.id,
      channelId: channel.id,
      attempts: 4,
      lastError: 'HTTP 503: receiver unavailable',
    });
  });

  it("delivers to the tenant's and the platform's channels enabled when the alert fires, once", async () => {
    const tenantReceiver = await startWebhookReceiver();
    const platformReceiver = await startWebhookReceiver();
    cleanups.push(
      () => tenantReceiver.close(),
      () => platformReceiver.close(),
    );
    const tenantId = await createTenant(db);
    const otherTenant = await createTenant(db);
    await channelFor(tenantId, tenantReceiver.url, 'whsec_tenant');
    await channelFor(otherTenant, tenantReceiver.url, 'whsec_other');
    const { dispatcher } = await deliveryHarness(3);

    // Without any channel, the alert is still recorded, with the reason it went nowhere …
    const alone = await createTenant(db);
    const unsentAlert = candidate(alone);
    const [unsent] = await dispatcher.fire([unsentAlert]);
    expect(await db.alert.findUniqueOrThrow({ where: { id: unsent!.id } })).toMatchObject({
      channelId: null,
      dedupeKey: unsentAlert.eventKey,
      status: 'FAILED',
      lastError: noChannelError,
    });

    const platform = await channelFor(null, platformReceiver.url, 'whsec_platform');
    // … and it has fired: a channel added afterwards does not receive it.
    expect(await dispatcher.fire([unsentAlert])).toEqual([]);

    const alert = candidate(tenantId);
    const fired = await dispatcher.fire([alert, alert]);
    expect(fired).toHaveLength(2);
    expect(await dispatcher.fire([alert])).toEqual([]);
    await waitFor('both delivered', async () => {
      const rows = await db.alert.findMany({ where: { id: { in: fired.map((row) => row.id) } } });
      return rows.every((row) => row.status === 'DELIVERED');
    });
    const rows = await db.alert.findMany({ where: { id: { in: fired.map((row) => row.id) } } });
    expect(rows.map((row) => row.dedupeKey).sort()).toEqual(
      [alert.eventKey, `${alert.eventKey}@${platform.id}`].sort(),
    );
    // Other tenants' alerts may reach the platform channel meanwhile; this one reached it once.
    const deliveriesOf = (receiver: WebhookReceiver) =>
      receiver.received.filter((delivery) =>
        fired.some((row) => row.id === delivery.headers['x-switchyard-alert-id']),
      );
    expect(deliveriesOf(tenantReceiver)).toHaveLength(1);
    const [platformDelivery, ...extra] = deliveriesOf(platformReceiver);
    expect(extra).toEqual([]);
    expect(
      verifyWebhookSignature(
        platformDelivery!.body,
        String(platformDelivery!.headers['x-switchyard-signature']),
        'whsec_platform',
      ),
    ).toBe(true);
  });
});
