import { randomBytes } from 'node:crypto';
import { mkdir } from 'node:fs/promises';
import { hostname } from 'node:os';
import { Redis } from 'ioredis';
import { pino } from 'pino';
import { parseMasterKeyRing } from '@switchyard/policy';
import { createUsageEmitter, usageQueuePrefix } from '@switchyard/usage';
import { startTracing } from '@switchyard/telemetry';
import { buildApp } from './build-app.js';
import { GatewayMetrics } from './metrics/gateway-metrics.js';
import { Admission } from './limits/admission.js';
import { ResponseCache } from './cache/response-cache.js';
import { AuthFailureLimiter } from './plugins/auth-failure-limiter.js';
import { abortableSleep, type GatewayDeps } from './chat/gateway-deps.js';
import type { DataPlaneConfig } from './config.js';
import { KeyRotation } from './routing/key-rotation.js';
import { ConcurrencyLimiter } from './health/concurrency-limiter.js';
import { HealthPublisher } from './health/health-publisher.js';
import { HealthRegistry } from './health/health-registry.js';
import { SnapshotHolder } from './snapshot/snapshot-holder.js';
import { UpstreamClient } from './upstream/upstream-client.js';

/** A running data plane; `close` drains in-flight requests, then flushes usage events. */
export interface RunningDataPlane {
  url: string;
  /** This replica's id (its health report lives at `${prefix}health:data-plane:<instanceId>`). */
  instanceId: string;
  close(): Promise<void>;
}

/** Starts the data plane from validated configuration (used by main and by tests). */
export async function startDataPlane(config: DataPlaneConfig): Promise<RunningDataPlane> {
  const logger = pino({ level: config.LOG_LEVEL, base: { app: 'data-plane' } });
  const keyRing = parseMasterKeyRing(config.SWITCHYARD_MASTER_KEYS);
  const snapshots = new SnapshotHolder(keyRing, logger);
  // Commands fail fast while Redis is down, so the hot path never waits on a reconnect.
  const redisOptions = {
    lazyConnect: true,
    enableOfflineQueue: false,
    maxRetriesPerRequest: 1,
  } as const;
  const redis = new Redis(config.REDIS_URL, redisOptions);
  const subscriber = new Redis(config.REDIS_URL, { lazyConnect: true });
  redis.on('error', (error) => logger.warn({ err: error.message }, 'redis error'));
  subscriber.on('error', (error) => logger.warn({ err: error.message }, 'redis subscriber error'));

  if (config.SWITCHYARD_SNAPSHOT_FILE) {
    await snapshots.loadFile(config.SWITCHYARD_SNAPSHOT_FILE);
    // Limits still need Redis; without it they are enforced per process (see Admission).
    await redis
      .connect()
      .catch((error: Error) => logger.warn({ err: error.message }, 'redis not reachable at start'));
  } else {
    await Promise.all([redis.connect(), subscriber.connect()]);
    await snapshots.followRedis(redis, subscriber, config.SWITCHYARD_REDIS_PREFIX);
  }

  await mkdir(config.USAGE_SPOOL_DIR, { recursive: true });
  const usage = createUsageEmitter({
    redisUrl: config.REDIS_URL,
    prefix: usageQueuePrefix(config.SWITCHYARD_REDIS_PREFIX),
    spoolDirectory: config.USAGE_SPOOL_DIR,
    logger,
    // Built by typed code whose output the tests hold to the schema; the worker re-validates.
    validateEvents: false,
  });
  const upstream = new UpstreamClient();
  const tracing = await startTracing('switchyard-data-plane', {
    OTEL_EXPORTER_OTLP_ENDPOINT: config.OTEL_EXPORTER_OTLP_ENDPOINT,
    OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: config.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT,
    OTEL_SERVICE_NAME: config.OTEL_SERVICE_NAME,
  });
  const health = new HealthRegistry();
  const metrics = new GatewayMetrics({
    snapshot: () => snapshots.current,
    upstreamPools: () => upstream.stats(),
    usageBuffer: () => usage.stats(),
    breakers: () => health.breakerStates(Date.now()),
    now: Date.now,
  });
  const requestLogger = logger.child({ kind: 'request' });
  // Unique per process even when several share a host (tests); the report's TTL clears old ones.
  const instanceId = `${hostname()}-${process.pid}-${randomBytes(3).toString('hex')}`;
  const concurrency = new ConcurrencyLimiter();
  const deps: GatewayDeps = {
    snapshots,
    upstream,
    keyRotation: new KeyRotation(),
    usage,
    logger,
    now: Date.now,
    sleep: abortableSleep,
    health,
    concurrency,
    instanceId,
    metrics,
    tracing,
    admission: new Admission(redis, config.SWITCHYARD_REDIS_PREFIX, logger, Date.now),
    cache: new ResponseCache(redis, logger),
    authFailures: new AuthFailureLimiter(config.AUTH_FAILURES_PER_MINUTE),
    redactionPatterns: config.PAYLOAD_REDACTION_PATTERNS,
    cachePrefix: config.SWITCHYARD_REDIS_PREFIX,
    logRequest: config.REQUEST_LOGGING
      ? (event) => requestLogger.info(event, 'request')
      : undefined,
  };
  const app = await buildApp({
    deps,
    bodyLimitBytes: config.BODY_LIMIT_BYTES,
    maxHeaderBytes: config.MAX_HEADER_BYTES,
    requestTimeoutMs: config.REQUEST_TIMEOUT_MS,
    readinessChecks: config.SWITCHYARD_SNAPSHOT_FILE
      ? []
      : [{ name: 'redis', check: async () => void (await redis.ping()) }],
  });
  const url = await app.listen({ host: config.DATA_PLANE_HOST, port: config.DATA_PLANE_PORT });
  logger.info({ url }, 'data plane listening');
  const healthPublisher = new HealthPublisher({
    redis,
    prefix: config.SWITCHYARD_REDIS_PREFIX,
    instanceId,
    snapshot: () => snapshots.current,
    health,
    concurrency,
    logger,
    now: Date.now,
  });
  healthPublisher.start();

  return {
    url,
    instanceId,
    async close() {
      healthPublisher.stop();
      snapshots.stopFollowing();
      await app.close();
      await usage.close();
      await upstream.close();
      await tracing.shutdown();
      redis.disconnect();
      subscriber.disconnect();
    },
  };
}
