import { Inject, Injectable, type OnApplicationShutdown } from '@nestjs/common';
import { Redis } from 'ioredis';
import type { Logger } from 'pino';
import type { ControlPlaneConfig } from './config.js';
import { CONTROL_PLANE_CONFIG, LOGGER } from './tokens.js';

/**
 * The control plane's Redis connection. It reconnects forever with a capped backoff, and commands
 * fail fast while disconnected (instead of queueing without bound) so the snapshot publisher can
 * log and retry on its own schedule.
 */
@Injectable()
export class RedisService implements OnApplicationShutdown {
  readonly client: Redis;

  constructor(
    @Inject(CONTROL_PLANE_CONFIG) config: ControlPlaneConfig,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {
    this.client = new Redis(config.redisUrl, {
      lazyConnect: false,
      maxRetriesPerRequest: 1,
      enableOfflineQueue: true,
      retryStrategy: (attempt) => Math.min(attempt * 200, 2_000),
    });
    let lastState = '';
    this.client.on('error', (error: Error) => {
      // ioredis emits one error per reconnect attempt; log each distinct message once.
      if (error.message !== lastState) this.logger.warn({ err: error }, 'redis connection problem');
      lastState = error.message;
    });
    this.client.on('ready', () => {
      if (lastState) this.logger.info('redis connection restored');
      lastState = '';
    });
  }

  /** True when Redis answers PING within the timeout. */
  async isReachable(timeoutMs = 1_000): Promise<boolean> {
    if (this.client.status !== 'ready') return false;
    return withTimeout(
      this.client.ping().then(() => true),
      timeoutMs,
      false,
    );
  }

  async onApplicationShutdown(): Promise<void> {
    await this.client.quit().catch(() => this.client.disconnect());
  }
}

/** Resolves to `fallback` when `promise` does not settle in time (or rejects). */
export async function withTimeout<T>(
  promise: Promise<T>,
  timeoutMs: number,
  fallback: T,
): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<T>((resolve) => {
    timer = setTimeout(() => resolve(fallback), timeoutMs);
  });
  try {
    return await Promise.race([promise.catch(() => fallback), timeout]);
  } finally {
    clearTimeout(timer);
  }
}
