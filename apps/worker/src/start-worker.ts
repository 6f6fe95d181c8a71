import { startTracing } from '@switchyard/telemetry';
import { Queue } from 'bullmq';
import { createPrismaClient } from '@switchyard/db';
import { usageQueueName, usageQueuePrefix } from '@switchyard/usage';
import { Redis } from 'ioredis';
import { pino, type Logger } from 'pino';
import type { WorkerConfig } from './config.js';
import { startHealthServer } from './http/health-server.js';
import { createWorkerMetrics } from './http/worker-metrics.js';
import { registerWorkers } from './register-workers.js';

/** A running worker process; `close` finishes the jobs in progress, then releases everything. */
export interface RunningWorker {
  /** Base URL of the health/metrics server. */
  url: string;
  close(): Promise<void>;
}

export interface StartWorkerOptions {
  logger?: Logger;
}

/** Starts the worker from validated configuration (used by main and by tests). */
export async function startWorker(
  config: WorkerConfig,
  options: StartWorkerOptions = {},
): Promise<RunningWorker> {
  const logger = options.logger ?? pino({ level: config.LOG_LEVEL, base: { app: 'worker' } });
  const db = createPrismaClient(config.DATABASE_URL);
  // BullMQ workers need commands to wait out a Redis outage (maxRetriesPerRequest: null) …
  const connection = new Redis(config.REDIS_URL, { maxRetriesPerRequest: null });
  // … while probes (readiness, queue metrics) must fail fast instead of hanging a scrape.
  const probe = new Redis(config.REDIS_URL, { maxRetriesPerRequest: 1, enableOfflineQueue: false });
  connection.on('error', (error) => logger.warn({ err: error.message }, 'redis error'));
  probe.on('error', () => undefined);

  const prefix = usageQueuePrefix(config.SWITCHYARD_REDIS_PREFIX);
  const usageQueue = new Queue(usageQueueName, { connection: probe, prefix });
  usageQueue.on('error', () => undefined);
  const metrics = createWorkerMetrics(usageQueue);
  const health = await startHealthServer({
    host: config.WORKER_HOST,
    port: config.WORKER_PORT,
    registry: metrics.registry,
    checks: [
      { name: 'postgres', check: () => db.$queryRaw`SELECT 1` },
      { name: 'redis', check: () => probe.ping() },
    ],
  });
  const tracing = await startTracing('switchyard-worker', {
    OTEL_EXPORTER_OTLP_ENDPOINT: config.OTEL_EXPORTER_OTLP_ENDPOINT,
    OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: config.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT,
  });
  const workers = await registerWorkers({
    config,
    db,
    connection,
    prefix,
    logger,
    metrics,
    tracing,
  });
  logger.info({ url: health.url, prefix }, 'worker started');

  return {
    url: health.url,
    async close() {
      await workers.close();
      await tracing.shutdown();
      await usageQueue.close().catch(() => undefined);
      await health.close();
      await db.$disconnect();
      await Promise.all([
        connection.quit().catch(() => connection.disconnect()),
        probe.quit().catch(() => probe.disconnect()),
      ]);
      logger.info('worker stopped');
    },
  };
}
