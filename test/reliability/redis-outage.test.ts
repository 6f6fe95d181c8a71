import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { createPrismaClient, type Database } from '@switchyard/db';
import {
  SnapshotBuilder,
  createTestKeyRing,
  startMockProvider,
  type MockProvider,
} from '@switchyard/testkit';
import { budgetCounterKey, budgetPeriod, usageQueueName } from '@switchyard/usage';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import {
  startGatewayProcess,
  type GatewayProcess,
} from '../../apps/data-plane/test/support/start-gateway-process.js';
import { loadConfig } from '../../apps/worker/src/config.js';
import { startWorker, type RunningWorker } from '../../apps/worker/src/start-worker.js';
import { storedTotals } from '../../apps/worker/test/helpers/usage-totals.js';
import { RedisServerProcess } from '../../packages/usage/test/helpers/redis-server-process.js';
import { runLoad, type LoadResult } from './support/charged-requests.js';

const gatewayBuild = resolve(import.meta.dirname, '../../apps/data-plane/dist/server.cjs');
const prefix = `sy:reliability:${randomUUID().slice(0, 8)}:`;
const tenantId = `tenant-rel-${randomUUID().slice(0, 8)}`;
const budgetId = `budget-rel-${randomUUID().slice(0, 8)}`;

let db: Database;
let redisServer: RedisServerProcess;
let mock: MockProvider;
let gateway: GatewayProcess | undefined;
let worker: RunningWorker | undefined;
let apiKey = '';

/**
 * Kills redis-server at an instant when no usage batch waits in it. Without persistence a
 * restart empties Redis, and a batch the emitter handed over but no worker had taken yet would
 * be lost with it; that is a property of running the queue on a Redis without persistence, not
 * of the data plane or the worker. CLIENT PAUSE WRITE freezes every writer (enqueues and the
 * workers' pops) so the check and the kill see the same state; active batches are safe, the
 * worker commits them to Postgres whether or not Redis is still there.
 */
async function killRedisWithNoBatchWaiting(): Promise<void> {
  const admin = new Redis(redisServer.url, { maxRetriesPerRequest: 1 });
  admin.on('error', () => undefined);
  const queueKey = (suffix: string) => `${prefix}bull:${usageQueueName}:${suffix}`;
  try {
    for (let attempt = 0; ; attempt += 1) {
      await admin.call('CLIENT', 'PAUSE', '10000', 'WRITE');
      const [wait, paused, prioritized, delayed] = await Promise.all([
        admin.llen(queueKey('wait')),
        admin.llen(queueKey('paused')),
        admin.zcard(queueKey('prioritized')),
        admin.zcard(queueKey('delayed')),
      ]);
      if (wait + paused + prioritized + delayed === 0) break;
      await admin.call('CLIENT', 'UNPAUSE');
      if (attempt > 500) throw new Error('the usage queue never drained before the kill');
      await new Promise((wake) => setTimeout(wake, 20));
    }
  } finally {
    admin.disconnect();
  }
  await redisServer.kill();
}

beforeAll(async () => {
  if (!existsSync(gatewayBuild)) {
    throw new Error('build the data plane first: npx tsc -p apps/data-plane/tsconfig.build.json');
  }
  db = createPrismaClient(inject('TEST_DATABASE_URL'));
  await db.tenant.create({ data: { id: tenantId, name: tenantId, slug: tenantId } });
  // The same budget in Postgres (worker: BudgetSpend) and in the snapshot (data plane: Redis).
  await db.budget.create({
    data: {
      id: budgetId,
      tenantId,
      name: 'reliability',
      scopeType: 'TENANT',
      period: 'DAILY',
      limitNanoUsd: 10n ** 15n,
      action: 'WARN',
      alertThresholds: [],
    },
  });

  redisServer = await RedisServerProcess.start();
  mock = await startMockProvider({
    scenario: { kind: 'text', text: 'ok', usage: { inputTokens: 10, outputTokens: 50 } },
  });
  const { ring, text: masterKeys } = createTestKeyRing();
  const builder = new SnapshotBuilder(ring);
  const account = builder.providerAccount({
    providerType: 'openai',
    baseUrl: `${mock.url}/v1`,
    keys: ['sk-test'],
  });
  const cheap = builder.model({ canonicalId: 'gpt-rel-cheap', providerType: 'openai' });
  const dear = builder.model({
    canonicalId: 'gpt-rel-dear',
    providerType: 'openai',
    prices: [
      { effectiveFrom: '2020-01-01T00:00:00.000Z', input: 3_000_000_000, output: 7_000_000_007 },
    ],
  });
  builder.deployment(cheap, account);
  builder.deployment(dear, account);
  const tenant = builder.tenant({
    id: tenantId,
    budgets: [
      {
        id: budgetId,
        name: 'reliability',
        scopeType: 'TENANT',
        period: 'DAILY',
        limitNanoUsd: String(10n ** 15n),
        action: 'WARN',
        alertThresholds: [],
      },
    ],
  });
  apiKey = builder.apiKey(tenant).key;

  gateway = await startGatewayProcess(JSON.stringify(builder.build()), masterKeys, {
    REDIS_URL: redisServer.url,
    SWITCHYARD_REDIS_PREFIX: prefix,
  });
  worker = await startWorker(
    loadConfig({
      DATABASE_URL: inject('TEST_DATABASE_URL'),
      REDIS_URL: redisServer.url,
      SWITCHYARD_REDIS_PREFIX: prefix,
      WORKER_PORT: '0',
      LOG_LEVEL: 'silent',
      RECONCILE_INTERVAL_MS: '1000',
    }),
  );
});

afterAll(async () => {
  await worker?.close();
  await gateway?.close();
  await mock?.close();
  await redisServer?.stop();
  await db?.$disconnect();
});

/** One state of the gateway's usage-emitter gauge (buffered, spooled, sent, dropped). */
async function usageBufferGauge(state: string): Promise<number> {
  const text = await (await fetch(`${gateway!.url}/metrics`)).text();
  const line = text
    .split('\n')
    .find((row) => row.startsWith(`switchyard_gateway_usage_buffer{state="${state}"}`));
  if (!line) throw new Error(`no usage buffer gauge for ${state} in the gateway metrics`);
  return Number(line.split(' ').at(-1));
}

async function waitFor(description: string, condition: () => Promise<boolean>, timeoutMs: number) {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${description}`);
    await new Promise((wake) => setTimeout(wake, 100));
  }
}

/**
 * Steady load through the gateway: 80 successes with Redis up, then Redis killed for at least
 * 150 successes and 3 s, then restarted on the same port (empty) for 100 more. Phases switch
 * beside the load: the clients never pause.
 */
async function runLoadThroughRedisOutage() {
  type Phase = 'before' | 'outage' | 'after' | 'done';
  let phase: Phase = 'before';
  let switching = false;
  let failure: unknown;
  const marks = { killedAt: 0, killedAtMs: 0, restartedAt: 0, bufferedInOutage: 0 };
  const switchPhase = (next: Phase, action: () => Promise<void>) => {
    switching = true;
    action().then(
      () => {
        phase = next;
        switching = false;
      },
      (error: unknown) => (failure = error),
    );
  };
  const onProgress = (result: LoadResult) => {
    const done = result.charged.length;
    if (switching || failure) return;
    if (phase === 'before' && done >= 80) {
      switchPhase('outage', async () => {
        await killRedisWithNoBatchWaiting();
        marks.killedAt = result.charged.length;
        marks.killedAtMs = Date.now();
      });
    } else if (
      phase === 'outage' &&
      done >= marks.killedAt + 150 &&
      Date.now() - marks.killedAtMs >= 3_000
    ) {
      switchPhase('after', async () => {
        marks.bufferedInOutage = await usageBufferGauge('buffered');
        await redisServer.start();
        marks.restartedAt = result.charged.length;
      });
    } else if (phase === 'after' && done >= marks.restartedAt + 100) {
      phase = 'done';
    }
  };
  const result = await runLoad({
    baseUrl: gateway!.baseUrl,
    apiKey,
    models: ['gpt-rel-cheap', 'gpt-rel-dear'],
    concurrency: 4,
    stop: () => phase === 'done' || failure !== undefined,
    onProgress,
  });
  if (failure) throw failure;
  return { result, marks };
}

describe('Redis outage under load', () => {
  it(
    'loses no usage: every charged request is logged once and rollups = logs = charges',
    { timeout: 240_000 },
    async () => {
      const { result, marks } = await runLoadThroughRedisOutage();
      // Requests kept succeeding while Redis was gone: served from the last snapshot, limits
      // enforced locally, usage held back by the gateway until Redis returned.
      expect(result.failed).toEqual([]);
      expect(marks.restartedAt - marks.killedAt).toBeGreaterThanOrEqual(150);
      expect(marks.bufferedInOutage).toBeGreaterThan(0);

      const charged = new Map(
        result.charged.map((request) => [request.requestId, request.costNanoUsd]),
      );
      expect(charged.size).toBe(result.charged.length);
      const total = result.charged.reduce((sum, request) => sum + request.costNanoUsd, 0n);
      const count = BigInt(result.charged.length);
      await waitFor(
        'every charged request to be logged',
        async () => (await storedTotals(db, tenantId)).logCount >= count,
        120_000,
      );

      expect(await usageBufferGauge('dropped')).toBe(0);
      const logs = await db.requestLog.findMany({
        where: { tenantId },
        select: { id: true, costNanoUsd: true },
      });
      // Exactly one row per request the clients saw succeed, carrying the cost they were charged.
      expect(new Map(logs.map((log) => [log.id, log.costNanoUsd]))).toEqual(charged);
      expect(await storedTotals(db, tenantId)).toMatchObject({
        logCount: count,
        logCost: total,
        hourlyCount: count,
        hourlyCost: total,
        dailyCount: count,
        dailyCost: total,
      });
      const spends = await db.budgetSpend.findMany({ where: { budgetId } });
      expect(spends.reduce((sum, spend) => sum + spend.spentNanoUsd, 0n)).toBe(total);
      expect(spends.reduce((sum, spend) => sum + spend.requestCount, 0n)).toBe(count);

      // The restart emptied Redis: only requests settled since then were in its counter, until
      // reconciliation raised it back to what Postgres knows.
      const today = budgetPeriod('DAILY', 'UTC', Date.now());
      const todaySpend = spends.find((spend) => spend.periodStart.getTime() === today.startMs);
      const counter = budgetCounterKey(prefix, tenantId, budgetId, today.key);
      const redis = new Redis(redisServer.url);
      try {
        await waitFor(
          'the budget counter reconciled',
          async () =>
            BigInt((await redis.hget(counter, 'spent')) ?? '0') >= (todaySpend?.spentNanoUsd ?? 0n),
          30_000,
        );
      } finally {
        redis.disconnect();
      }
    },
  );
});
