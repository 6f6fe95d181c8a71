import type { UsageRedisConnection } from './usage-batch-sender.js';
import type { UsageEventInput } from './usage-event.js';

/** The subset of a pino logger the emitter uses. */
export interface UsageEmitterLogger {
  info(details: object, message: string): void;
  warn(details: object, message: string): void;
  error(details: object, message: string): void;
}

export interface UsageEmitterOptions {
  /** An ioredis instance (used as is: give it `enableOfflineQueue: false`) or connection options. */
  connection?: UsageRedisConnection;
  /** Redis URL, used when `connection` is not given. */
  redisUrl?: string;
  /** BullMQ prefix: `usageQueuePrefix(SWITCHYARD_REDIS_PREFIX)`. */
  prefix: string;
  /** Local directory for batches that could not be enqueued; must survive a process restart. */
  spoolDirectory: string;
  /** Events per BullMQ job. */
  batchSize?: number;
  /** How often a partial batch is sent, and how often a down Redis is retried. */
  flushIntervalMs?: number;
  /** Events kept in memory while Redis is down before spilling to the spool. */
  maxMemoryEvents?: number;
  /** Upper bound of one enqueue; slower counts as Redis being down. */
  enqueueTimeoutMs?: number;
  /** How long close() tries Redis before writing what is left to the spool. */
  closeTimeoutMs?: number;
  logger?: UsageEmitterLogger;
  /**
   * Check each event against the contract schema before batching (default true). A producer
   * whose events are already held to the schema by its own tests may turn this off on a hot
   * path: the worker validates every event on arrival and quarantines the bad ones either way.
   */
  validateEvents?: boolean;
}

/** Counters for metrics. A type alias (not an interface) so it fits `Record<string, number>`. */
export type UsageEmitterStats = {
  /** Events in memory, not yet accepted by the queue. */
  buffered: number;
  /** Events in spool files on disk. */
  spooled: number;
  spoolFiles: number;
  /** Events accepted by the queue since start. */
  sent: number;
  /** Events dropped: invalid (programmer error), emitted after close, or beyond every buffer. */
  dropped: number;
  /** 1 while connected and the last enqueue attempt succeeded, else 0. */
  redisAvailable: number;
};

export interface UsageEmitter {
  /** Buffers one event; synchronous and allocation-light so it never slows a request. */
  emit(event: UsageEventInput): void;
  /** Sends everything buffered now (memory, then spool) if Redis is reachable. */
  flush(): Promise<void>;
  /** Stops accepting events; sends what it can, writes the rest to the spool. Loses nothing. */
  close(): Promise<void>;
  stats(): UsageEmitterStats;
}
