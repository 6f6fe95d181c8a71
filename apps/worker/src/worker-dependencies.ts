import type { Tracing } from '@switchyard/telemetry';
import type { Database } from '@switchyard/db';
import type { Redis } from 'ioredis';
import type { Logger } from 'pino';
import type { WorkerConfig } from './config.js';
import type { WorkerMetrics } from './http/worker-metrics.js';

/** What every consumer registration needs from the running process. */
export interface WorkerDependencies {
  config: WorkerConfig;
  db: Database;
  /** A connection with maxRetriesPerRequest: null, as BullMQ workers require. */
  connection: Redis;
  /** BullMQ prefix shared with the producers (usageQueuePrefix). */
  prefix: string;
  logger: Logger;
  metrics: WorkerMetrics;
  /** OpenTelemetry tracing (spans exported only when an OTLP endpoint is configured). */
  tracing?: Tracing | undefined;
}
