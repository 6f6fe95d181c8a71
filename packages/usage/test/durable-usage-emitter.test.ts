import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Queue } from 'bullmq';
import { afterEach, describe, expect, inject, it } from 'vitest';
import {
  createUsageEmitter,
  usageBatchJobName,
  usageBatchJobOptions,
  usageQueueName,
  usageQueuePrefix,
  type UsageEmitter,
  type UsageEmitterOptions,
} from '../src/index.js';
import './helpers/provided-context.js';
import { RedisServerProcess, waitFor } from './helpers/redis-server-process.js';
import { queuedBatches, redisEndpoint, uniqueRunId, usageEvent } from './helpers/usage-fixtures.js';

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function spoolDirectory(): Promise<string> {
  const directory = await mkdtemp(join(tmpdir(), 'usage-spool-'));
  cleanups.push(() => rm(directory, { recursive: true, force: true }));
  return directory;
}

function emitter(options: UsageEmitterOptions): UsageEmitter {
  const created = createUsageEmitter(options);
  cleanups.push(() => created.close());
  return created;
}

async function privateRedis(): Promise<RedisServerProcess> {
  const server = await RedisServerProcess.start();
  cleanups.push(() => server.stop());
  return server;
}

async function spooledEventCount(directory: string): Promise<number> {
  const { readFile } = await import('node:fs/promises');
  let count = 0;
  for (const name of (await readdir(directory)).filter((file) => file.endsWith('.jsonl'))) {
    for (const line of (await readFile(join(directory, name), 'utf8'))
      .split('\n')
      .filter(Boolean)) {
      count += (JSON.parse(line) as { events: unknown[] }).events.length;
    }
  }
  return count;
}

function requestIds(batches: Array<{ events: Array<{ requestId: string }> }>): string[] {
  return batches.flatMap((batch) => batch.events.map((event) => event.requestId));
}

/** An emitter on the shared test Redis under a fresh prefix, connected, plus a reader of its queue. */
async function connectedEmitter(batchSize: number) {
  const runId = uniqueRunId();
  const prefix = usageQueuePrefix(`${inject('TEST_REDIS_PREFIX')}${runId}:`);
  const usage = emitter({
    redisUrl: inject('TEST_REDIS_URL'),
    prefix,
    spoolDirectory: await spoolDirectory(),
    batchSize,
    flushIntervalMs: 10_000,
  });
  await waitFor('redis connection', () => usage.stats().redisAvailable === 1);
  const queue = new Queue(usageQueueName, {
    connection: redisEndpoint(inject('TEST_REDIS_URL')),
    prefix,
  });
  cleanups.push(() => queue.close());
  return { runId, usage, queue };
}

describe('durable usage emitter', () => {
  it('sends events to the usage queue in batches', async () => {
    const { runId, usage, queue } = await connectedEmitter(100);
    for (let index = 0; index < 250; index += 1) usage.emit(usageEvent(index, runId));
    await usage.flush();

    const jobs = await queue.getJobs(['waiting'], 0, -1);
    expect(jobs.map((job) => job.name)).toEqual([
      usageBatchJobName,
      usageBatchJobName,
      usageBatchJobName,
    ]);
    expect(jobs.map((job) => (job.data as { events: unknown[] }).events.length).sort()).toEqual([
      100, 100, 50,
    ]);
    for (const job of jobs) expect(job.id).toBe((job.data as { batchId: string }).batchId);
    expect(new Set(requestIds(jobs.map((job) => job.data))).size).toBe(250);
    expect(usage.stats()).toMatchObject({ sent: 250, buffered: 0, spooled: 0, dropped: 0 });
  });

  it('delivers a batch whose JSON is far larger than a script argument ioredis keeps as a string, bytes intact', async () => {
    const { runId, usage, queue } = await connectedEmitter(200);
    // ~200 × 250 B of multi-byte text: sent as UTF-8 bytes, it must read back as the same text.
    const endUser = 'Zoë 🚀 ' + 'ü'.repeat(240);
    for (let index = 0; index < 200; index += 1)
      usage.emit({ ...usageEvent(index, runId), endUser });
    await usage.flush();

    const [job] = await queue.getJobs(['waiting'], 0, -1);
    const events = (job!.data as { events: Array<{ endUser: string; requestId: string }> }).events;
    expect(JSON.stringify(job!.data).length).toBeGreaterThan(40_000);
    expect(events).toHaveLength(200);
    expect(events.every((event) => event.endUser === endUser)).toBe(true);
    expect(events[199]!.requestId).toBe(`req-${runId}-199`);
  });

  it('drops and counts invalid events instead of enqueueing them', async () => {
    const runId = uniqueRunId();
    const prefix = usageQueuePrefix(`${inject('TEST_REDIS_PREFIX')}${runId}:`);
    const errors: object[] = [];
    const logger = { info() {}, warn() {}, error: (details: object) => void errors.push(details) };
    const usage = emitter({
      redisUrl: inject('TEST_REDIS_URL'),
      prefix,
      spoolDirectory: await spoolDirectory(),
      logger,
    });
    await waitFor('redis connection', () => usage.stats().redisAvailable === 1);
    usage.emit(usageEvent(1, runId));
    usage.emit({ ...usageEvent(2, runId), costNanoUsd: '1.5' });
    await usage.flush();
    const batches = await queuedBatches(redisEndpoint(inject('TEST_REDIS_URL')), prefix);
    expect(requestIds(batches)).toEqual([`req-${runId}-1`]);
    expect(usage.stats()).toMatchObject({ sent: 1, dropped: 1 });
    expect(errors).toEqual([expect.objectContaining({ requestId: `req-${runId}-2` })]);
  });

  it('leaves validation to the worker when validateEvents is off (a hot-path producer)', async () => {
    const runId = uniqueRunId();
    const prefix = usageQueuePrefix(`${inject('TEST_REDIS_PREFIX')}${runId}:`);
    const usage = emitter({
      redisUrl: inject('TEST_REDIS_URL'),
      prefix,
      spoolDirectory: await spoolDirectory(),
      validateEvents: false,
    });
    await waitFor('redis connection', () => usage.stats().redisAvailable === 1);
    usage.emit(usageEvent(1, runId));
    usage.emit({ ...usageEvent(2, runId), costNanoUsd: '1.5' });
    await usage.flush();
    const batches = await queuedBatches(redisEndpoint(inject('TEST_REDIS_URL')), prefix);
    expect(requestIds(batches).sort()).toEqual([`req-${runId}-1`, `req-${runId}-2`]);
    expect(usage.stats()).toMatchObject({ sent: 2, dropped: 0 });
  });

  it('lets BullMQ deduplicate a re-sent batch by its id', async () => {
    const prefix = usageQueuePrefix(`${inject('TEST_REDIS_PREFIX')}${uniqueRunId()}:`);
    const queue = new Queue(usageQueueName, {
      connection: redisEndpoint(inject('TEST_REDIS_URL')),
      prefix,
    });
    cleanups.push(() => queue.close());
    const batch = { batchId: 'batch-1', events: [usageEvent(1, 'dedupe')] };
    await queue.add(usageBatchJobName, batch, usageBatchJobOptions(batch.batchId));
    await queue.add(usageBatchJobName, batch, usageBatchJobOptions(batch.batchId));
    expect(await queue.getJobCountByTypes('waiting')).toBe(1);
  });

  it('spills to disk while Redis is down and replays every event exactly once when it returns', async () => {
    const redis = await privateRedis();
    const directory = await spoolDirectory();
    const runId = uniqueRunId();
    const usage = emitter({
      redisUrl: redis.url,
      prefix: usageQueuePrefix('sy:'),
      spoolDirectory: directory,
      batchSize: 50,
      flushIntervalMs: 50,
      maxMemoryEvents: 120,
      enqueueTimeoutMs: 500,
    });
    await waitFor('redis connection', () => usage.stats().redisAvailable === 1);
    await redis.kill();

    const started = performance.now();
    for (let index = 0; index < 1_000; index += 1) usage.emit(usageEvent(index, runId));
    // emit never waits for Redis or the disk.
    expect(performance.now() - started).toBeLessThan(500);
    await usage.flush();
    await waitFor('spill to disk', () => usage.stats().buffered <= 120);
    expect(usage.stats().spooled).toBeGreaterThanOrEqual(880);
    expect(await spooledEventCount(directory)).toBe(usage.stats().spooled);
    expect(usage.stats().redisAvailable).toBe(0);

    await redis.start();
    await waitFor('replay', () => {
      const stats = usage.stats();
      return stats.buffered === 0 && stats.spooled === 0 && stats.sent === 1_000;
    });
    const ids = requestIds(await queuedBatches(redisEndpoint(redis.url), usageQueuePrefix('sy:')));
    expect(ids).toHaveLength(1_000);
    expect(new Set(ids).size).toBe(1_000);
    expect((await readdir(directory)).filter((name) => name.endsWith('.jsonl'))).toEqual([]);
    expect(usage.stats()).toMatchObject({ sent: 1_000, dropped: 0, redisAvailable: 1 });
  });

  it('treats a hung Redis (enqueue timeout) as down', async () => {
    const redis = await privateRedis();
    const runId = uniqueRunId();
    const usage = emitter({
      redisUrl: redis.url,
      prefix: usageQueuePrefix('sy:'),
      spoolDirectory: await spoolDirectory(),
      flushIntervalMs: 50,
      enqueueTimeoutMs: 300,
    });
    await waitFor('redis connection', () => usage.stats().redisAvailable === 1);
    redis.pause();
    for (let index = 0; index < 10; index += 1) usage.emit(usageEvent(index, runId));
    const started = Date.now();
    await usage.flush();
    expect(Date.now() - started).toBeLessThan(3_000);
    expect(usage.stats()).toMatchObject({ buffered: 10, redisAvailable: 0 });

    redis.resume();
    await waitFor('redelivery', () => usage.stats().buffered === 0);
    const ids = requestIds(await queuedBatches(redisEndpoint(redis.url), usageQueuePrefix('sy:')));
    // The timed-out add may have landed too; the re-send reuses its job id, so it counts once.
    expect(ids.sort()).toEqual(
      Array.from({ length: 10 }, (_, index) => `req-${runId}-${index}`).sort(),
    );
  });

  it('persists everything to the spool on close during an outage, and a new emitter replays it', async () => {
    const redis = await privateRedis();
    const directory = await spoolDirectory();
    const runId = uniqueRunId();
    const options = {
      redisUrl: redis.url,
      prefix: usageQueuePrefix('sy:'),
      spoolDirectory: directory,
      batchSize: 100,
      flushIntervalMs: 50,
      enqueueTimeoutMs: 300,
    };
    const first = createUsageEmitter(options);
    await waitFor('redis connection', () => first.stats().redisAvailable === 1);
    await redis.kill();
    for (let index = 0; index < 230; index += 1) first.emit(usageEvent(index, runId));
    await first.close();
    expect(first.stats()).toMatchObject({ buffered: 0, spooled: 230, dropped: 0 });
    expect(await spooledEventCount(directory)).toBe(230);
    first.emit(usageEvent(999, runId));
    expect(first.stats().dropped).toBe(1);

    await redis.start();
    const second = emitter(options);
    await waitFor(
      'replay by the new emitter',
      () => second.stats().sent === 230 && second.stats().spooled === 0,
    );
    const ids = requestIds(await queuedBatches(redisEndpoint(redis.url), usageQueuePrefix('sy:')));
    expect(new Set(ids).size).toBe(230);
    expect(ids).toHaveLength(230);
  });

  it('sets an unreadable spool file aside and replays the others', async () => {
    const redis = await privateRedis();
    const directory = await spoolDirectory();
    const runId = uniqueRunId();
    const batch = { batchId: `batch-${runId}`, events: [usageEvent(1, runId)] };
    await writeFile(
      join(directory, 'usage-000000000000001-000000001-a.jsonl'),
      '{"batchId":"torn", "ev',
    );
    await writeFile(
      join(directory, 'usage-000000000000002-000000001-b.jsonl'),
      `${JSON.stringify(batch)}\n`,
    );
    const usage = emitter({
      redisUrl: redis.url,
      prefix: usageQueuePrefix('sy:'),
      spoolDirectory: directory,
      flushIntervalMs: 50,
    });
    await waitFor('replay', () => usage.stats().sent === 1);
    expect((await readdir(directory)).sort()).toEqual([
      'usage-000000000000001-000000001-a.jsonl.corrupt',
    ]);
  });
});
