import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Queue } from 'bullmq';
import { createPrismaClient, type Database } from '@switchyard/db';
import {
  createUsageEmitter,
  usageBatchJobName,
  usageBatchJobOptions,
  usageQueueName,
  usageQueuePrefix,
  type UsageEventInput,
} from '@switchyard/usage';
import { afterAll, afterEach, beforeAll, describe, expect, inject, it } from 'vitest';
import { loadConfig } from '../src/config.js';
import { startWorker } from '../src/start-worker.js';
import './helpers/provided-context.js';
import {
  expectedTotals,
  makeEvents,
  storedTotals,
  uniqueTenantId,
} from './helpers/usage-totals.js';
import { WorkerChildProcess, waitFor } from './helpers/worker-child-process.js';

let db: Database;
const cleanups: Array<() => Promise<unknown>> = [];

beforeAll(() => {
  db = createPrismaClient(inject('TEST_DATABASE_URL'));
});
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});
afterAll(async () => {
  await db.$disconnect();
});

/** A deployment prefix of its own per test, under the run's isolated Redis prefix. */
function deploymentPrefix(): string {
  return `${inject('TEST_REDIS_PREFIX')}${randomUUID().slice(0, 8)}:`;
}

function redisConnection() {
  const url = new URL(inject('TEST_REDIS_URL'));
  return { host: url.hostname, port: Number(url.port || 6379) };
}

function usageQueue(prefix: string): Queue {
  const queue = new Queue(usageQueueName, {
    connection: redisConnection(),
    prefix: usageQueuePrefix(prefix),
  });
  cleanups.push(() => queue.close());
  return queue;
}

async function enqueueBatches(
  queue: Queue,
  events: UsageEventInput[],
  batchSize: number,
): Promise<void> {
  for (let start = 0; start < events.length; start += batchSize) {
    const batchId = randomUUID();
    await queue.add(
      usageBatchJobName,
      { batchId, events: events.slice(start, start + batchSize) },
      usageBatchJobOptions(batchId),
    );
  }
}

/**
 * `lockDurationMs` is how soon a killed worker's batch is handed to another worker. It must stay
 * well above the event-loop stalls of a busy 2-core test machine, or a live worker loses its
 * lock (harmless for the totals, since the redo is idempotent, but the batch shows as stalled).
 */
function childEnvironment(prefix: string, lockDurationMs: number): Record<string, string> {
  return {
    DATABASE_URL: inject('TEST_DATABASE_URL'),
    REDIS_URL: inject('TEST_REDIS_URL'),
    SWITCHYARD_REDIS_PREFIX: prefix,
    WORKER_PORT: '0',
    WORKER_LOCK_DURATION_MS: String(lockDurationMs),
    USAGE_CONCURRENCY: '2',
    LOG_LEVEL: 'warn',
  };
}

/** True while some other session is inside a transaction that writes usage. */
async function usageTransactionInProgress(): Promise<boolean> {
  const [row] = await db.$queryRaw<Array<{ count: bigint }>>`
    SELECT count(*) AS count FROM pg_stat_activity
    WHERE datname = current_database() AND pid <> pg_backend_pid() AND xact_start IS NOT NULL
      AND (state = 'idle in transaction' OR query ILIKE '%request_logs%' OR query ILIKE '%usage_%')`;
  return (row?.count ?? 0n) > 0n;
}

async function queueSettled(queue: Queue): Promise<boolean> {
  const counts = await queue.getJobCounts('waiting', 'active', 'delayed', 'prioritized');
  return Object.values(counts).every((count) => count === 0);
}

describe('worker process', () => {
  it('consumes what the durable emitter produces, and serves health, readiness and metrics', async () => {
    const prefix = deploymentPrefix();
    const tenantId = uniqueTenantId();
    const config = loadConfig({
      DATABASE_URL: inject('TEST_DATABASE_URL'),
      REDIS_URL: inject('TEST_REDIS_URL'),
      SWITCHYARD_REDIS_PREFIX: prefix,
      WORKER_PORT: '0',
      LOG_LEVEL: 'silent',
    });
    const worker = await startWorker(config);
    cleanups.push(() => worker.close());
    const spool = await mkdtemp(join(tmpdir(), 'worker-spool-'));
    cleanups.push(() => rm(spool, { recursive: true, force: true }));
    const emitter = createUsageEmitter({
      redisUrl: config.REDIS_URL,
      prefix: usageQueuePrefix(prefix),
      spoolDirectory: spool,
    });
    cleanups.push(() => emitter.close());

    const events = makeEvents({ tenantId, count: 500 });
    await waitFor('emitter connection', () => emitter.stats().redisAvailable === 1);
    for (const event of events) emitter.emit(event);
    await emitter.flush();
    await waitFor(
      'all events logged',
      async () => (await storedTotals(db, tenantId)).logCount === 500n,
    );
    expect(await storedTotals(db, tenantId)).toEqual(expectedTotals(events));

    expect((await fetch(`${worker.url}/healthz`)).status).toBe(200);
    const ready = await fetch(`${worker.url}/readyz`);
    expect([ready.status, await ready.json()]).toEqual([200, { status: 'ready' }]);
    const metrics = await (await fetch(`${worker.url}/metrics`)).text();
    expect(metrics).toContain('switchyard_worker_usage_events_total{result="inserted"} 500');
    expect(metrics).toMatch(/switchyard_usage_queue_lag_seconds \d/);
    expect(metrics).toMatch(/switchyard_usage_queue_jobs\{state="waiting"\} 0/);
  });

  it('reports not ready, naming Postgres, when the database is unreachable', async () => {
    const worker = await startWorker(
      loadConfig({
        DATABASE_URL: 'postgresql://postgres@127.0.0.1:1/unreachable',
        REDIS_URL: inject('TEST_REDIS_URL'),
        SWITCHYARD_REDIS_PREFIX: deploymentPrefix(),
        WORKER_PORT: '0',
        LOG_LEVEL: 'silent',
      }),
    );
    cleanups.push(() => worker.close());
    const response = await fetch(`${worker.url}/readyz`);
    expect(response.status).toBe(503);
    expect(await response.json()).toMatchObject({
      status: 'not ready',
      failures: { postgres: expect.any(String) },
    });
  });

  it('ends with exact totals after being killed in the middle of a batch and restarted', async () => {
    const prefix = deploymentPrefix();
    const tenantId = uniqueTenantId();
    const events = makeEvents({ tenantId, count: 12_000 });
    const queue = usageQueue(prefix);
    await enqueueBatches(queue, events, 1_000);

    const first = WorkerChildProcess.start(childEnvironment(prefix, 3_000));
    cleanups.push(() => first.stop());
    await waitFor('a usage transaction in progress', usageTransactionInProgress).catch(
      (error: unknown) => {
        throw new Error(`${String(error)}\nworker output:\n${first.log}`);
      },
    );
    first.signal('SIGKILL');
    expect((await first.waitForExit()).signal).toBe('SIGKILL');
    const afterCrash = await storedTotals(db, tenantId);
    expect(afterCrash.logCount).toBeLessThan(12_000n);
    // Whatever was committed before the crash is already consistent.
    expect(afterCrash.hourlyCost).toBe(afterCrash.logCost);

    const second = WorkerChildProcess.start(childEnvironment(prefix, 3_000));
    cleanups.push(() => second.stop());
    await waitFor(
      'the queue to drain after the restart',
      async () =>
        (await storedTotals(db, tenantId)).logCount === 12_000n && (await queueSettled(queue)),
    ).catch((error: unknown) => {
      throw new Error(`${String(error)}\nworker output:\n${second.log}`);
    });
    expect(await storedTotals(db, tenantId)).toEqual(expectedTotals(events));
    expect(await queue.getFailedCount()).toBe(0);
  });

  it('finishes the batches in progress on SIGTERM, then exits 0', async () => {
    const prefix = deploymentPrefix();
    const tenantId = uniqueTenantId();
    const queue = usageQueue(prefix);
    await enqueueBatches(queue, makeEvents({ tenantId, count: 8_000 }), 1_000);

    const worker = WorkerChildProcess.start(childEnvironment(prefix, 30_000));
    cleanups.push(() => worker.stop());
    await waitFor('a usage transaction in progress', usageTransactionInProgress);
    worker.signal('SIGTERM');
    const exit = await worker.waitForExit();
    expect(exit, worker.log).toEqual({ code: 0, signal: null });

    const active = await queue.getActive();
    expect(
      active.map((job) => ({
        id: job.id,
        attempts: job.attemptsMade,
        processedOn: job.processedOn,
        now: Date.now(),
      })),
      worker.log,
    ).toEqual([]);
    const completed = await queue.getCompleted(0, -1);
    expect(completed.length).toBeGreaterThan(0);
    const inserted = completed.reduce(
      (sum, job) => sum + (job.returnvalue as { inserted: number }).inserted,
      0,
    );
    const totals = await storedTotals(db, tenantId);
    expect(totals.logCount).toBe(BigInt(inserted));
    expect(totals.hourlyCost).toBe(totals.logCost);
    await queue.obliterate({ force: true });
  });
});
