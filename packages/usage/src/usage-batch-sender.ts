import { Queue } from 'bullmq';
import { Redis, type RedisOptions } from 'ioredis';
import { sendLargeScriptArgumentsAsBuffers } from './script-arguments-as-buffers.js';
import { usageBatchJobOptions } from './usage-queue.js';
import type { UsageBatch } from './usage-event.js';
import { usageBatchJobName, usageQueueName } from './usage-event.js';

/** Where the emitter's Redis connection comes from. */
export type UsageRedisConnection = Redis | RedisOptions | string;

/** The queue could not take a batch now (Redis down, slow or erroring); retry later. */
export class UsageQueueUnavailableError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'UsageQueueUnavailableError';
  }
}

/**
 * Fail-fast connection settings: without them ioredis queues commands while disconnected and
 * retries them forever, so an enqueue during an outage would hang instead of failing over to the
 * spool. Reconnection itself keeps going in the background (capped backoff).
 */
function failFastOptions(enqueueTimeoutMs: number): RedisOptions {
  return {
    enableOfflineQueue: false,
    maxRetriesPerRequest: 1,
    connectTimeout: enqueueTimeoutMs,
    commandTimeout: enqueueTimeoutMs,
    retryStrategy: (attempt) => Math.min(attempt * 200, 2_000),
  };
}

function createConnection(connection: RedisOptions | string, enqueueTimeoutMs: number): Redis {
  if (typeof connection === 'string')
    return new Redis(connection, failFastOptions(enqueueTimeoutMs));
  // Caller options win, except the offline queue, which would make enqueues hang.
  return new Redis({
    ...failFastOptions(enqueueTimeoutMs),
    ...connection,
    enableOfflineQueue: false,
  });
}

export interface UsageBatchSenderOptions {
  connection: UsageRedisConnection;
  /** BullMQ prefix (see usageQueuePrefix). */
  prefix: string;
  enqueueTimeoutMs: number;
  onError: (error: Error) => void;
}

/**
 * Sends usage batches as BullMQ jobs over one Redis connection. A batch is only attempted while
 * the connection is ready, and every attempt is bounded by a timeout.
 */
export class UsageBatchSender {
  private readonly redis: Redis;
  private readonly ownsConnection: boolean;
  private queue: Queue | undefined;

  constructor(private readonly options: UsageBatchSenderOptions) {
    sendLargeScriptArgumentsAsBuffers();
    this.ownsConnection = !(options.connection instanceof Redis);
    this.redis =
      options.connection instanceof Redis
        ? options.connection
        : createConnection(options.connection, options.enqueueTimeoutMs);
    // ioredis throws unhandled 'error' events otherwise; the emitter logs state changes.
    if (this.ownsConnection) this.redis.on('error', () => undefined);
    // A lazily-connecting instance would otherwise never become ready.
    if (this.redis.status === 'wait') this.redis.connect().catch(() => undefined);
  }

  isReady(): boolean {
    return this.redis.status === 'ready';
  }

  async send(batch: UsageBatch): Promise<void> {
    if (!this.isReady()) throw new UsageQueueUnavailableError(`redis is ${this.redis.status}`);
    const job = this.currentQueue().add(
      usageBatchJobName,
      batch,
      usageBatchJobOptions(batch.batchId),
    );
    try {
      await withTimeout(job, this.options.enqueueTimeoutMs);
    } catch (error) {
      // The add may still land later; the retry reuses the batch id, so BullMQ deduplicates it.
      job.catch(() => undefined);
      throw new UsageQueueUnavailableError('enqueue failed', { cause: error });
    }
  }

  async close(): Promise<void> {
    const queue = this.queue;
    this.queue = undefined;
    if (queue) await this.closeQueue(queue);
    if (!this.ownsConnection) return;
    if (this.isReady()) {
      await withTimeout(this.redis.quit(), this.options.enqueueTimeoutMs).catch(() =>
        this.redis.disconnect(),
      );
    } else {
      this.redis.disconnect();
    }
  }

  private currentQueue(): Queue {
    if (this.queue) return this.queue;
    const queue = new Queue(usageQueueName, {
      connection: this.redis,
      prefix: this.options.prefix,
    });
    queue.on('error', (error) => this.options.onError(error));
    // A BullMQ Queue whose initialisation failed (e.g. its INFO timed out) stays failed: drop it
    // once that is known, so the next send builds a fresh one.
    queue.waitUntilReady().catch(() => {
      if (this.queue !== queue) return;
      this.queue = undefined;
      void this.closeQueue(queue);
    });
    this.queue = queue;
    return queue;
  }

  /**
   * Closing a Queue detaches its listeners, and BullMQ re-emits a late initialisation failure
   * as an 'error' event, which would then be unhandled: let initialisation settle first (it is
   * bounded by the command timeout), then close. The connection is shared, so close only detaches.
   */
  private async closeQueue(queue: Queue): Promise<void> {
    const settled = queue.waitUntilReady().then(
      () => undefined,
      () => undefined,
    );
    await withTimeout(settled, this.options.enqueueTimeoutMs * 2).catch(() => undefined);
    await withTimeout(queue.close(), this.options.enqueueTimeoutMs).catch(() => undefined);
  }
}

function withTimeout<T>(promise: Promise<T>, timeoutMs: number): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`timed out after ${timeoutMs} ms`)), timeoutMs);
    promise.then(
      (value) => {
        clearTimeout(timer);
        resolve(value);
      },
      (error: unknown) => {
        clearTimeout(timer);
        reject(error instanceof Error ? error : new Error(String(error)));
      },
    );
  });
}
