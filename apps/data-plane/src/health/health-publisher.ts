import { healthRedisKeys } from '@switchyard/policy';
import type { Logger } from 'pino';
import type { CompiledSnapshot } from '../snapshot/compiled-snapshot.js';
import { buildHealthReport, type HealthSources } from './build-health-report.js';

/** The one Redis command the publisher needs (ioredis satisfies it). */
export interface HealthRedis {
  status: string;
  set(key: string, value: string, mode: 'PX', ttlMs: number): Promise<unknown>;
  connect(): Promise<void>;
}

export interface HealthPublisherOptions extends HealthSources {
  redis: HealthRedis;
  prefix: string;
  instanceId: string;
  snapshot: () => CompiledSnapshot | undefined;
  logger: Logger;
  now: () => number;
  /** How often to publish; the key lives for three periods so one missed write is harmless. */
  intervalMs?: number;
}

/**
 * Publishes this replica's deployment health to Redis for the control plane, off the request
 * path: a timer writes one JSON value (`${prefix}health:data-plane:<instanceId>`) with a TTL,
 * so a dead replica's report expires by itself. Writes never overlap and never throw: while
 * Redis is down the report is skipped (logged once per outage) and routing, which reads only
 * memory, is unaffected.
 */
export class HealthPublisher {
  private timer: NodeJS.Timeout | undefined;
  private writing = false;
  private failing = false;
  private readonly key: string;
  private readonly intervalMs: number;

  constructor(private readonly options: HealthPublisherOptions) {
    this.key = healthRedisKeys(options.prefix).dataPlane(options.instanceId);
    this.intervalMs = options.intervalMs ?? 5_000;
  }

  get redisKey(): string {
    return this.key;
  }

  start(): void {
    void this.publish();
    this.timer = setInterval(() => void this.publish(), this.intervalMs);
    // Never keep the process alive just to publish health.
    this.timer.unref();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
  }

  /** Writes one report now; resolves false when skipped or failed (never rejects). */
  async publish(): Promise<boolean> {
    if (this.writing) return false;
    this.writing = true;
    try {
      const { redis } = this.options;
      // The data plane may start without Redis (snapshot file); connect lazily, in the background.
      if (redis.status === 'wait') redis.connect().catch(() => undefined);
      const snapshot = this.options.snapshot();
      // Piggyback housekeeping on the timer: forget deployments a new snapshot removed.
      if (snapshot) this.options.health.retainOnly(new Set(snapshot.deployments.keys()));
      const nowMs = this.options.now();
      const report = buildHealthReport(
        snapshot,
        snapshot?.deployments.values() ?? [],
        this.options,
        this.options.instanceId,
        nowMs,
      );
      await redis.set(this.key, JSON.stringify(report), 'PX', this.intervalMs * 3);
      if (this.failing) this.options.logger.info('health publishing to Redis resumed');
      this.failing = false;
      return true;
    } catch (error) {
      if (!this.failing)
        this.options.logger.warn(
          { err: (error as Error).message },
          'health publishing to Redis failed',
        );
      this.failing = true;
      return false;
    } finally {
      this.writing = false;
    }
  }
}
