import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';

/** Redis used by tests unless told otherwise (env `REDIS_URL`). */
export const defaultRedisUrl = 'redis://127.0.0.1:6379';

export interface RedisPrefix {
  /** `sy:test:<random>:` — prepend it to every key the code under test writes. */
  prefix: string;
  url: string;
  /** Deletes every key under the prefix. Returns how many were deleted. */
  cleanup(): Promise<number>;
}

export interface CreateRedisPrefixOptions {
  url?: string;
}

/**
 * A key namespace of its own for one test run. Nothing is created up front; cleanup walks the
 * prefix with SCAN (never KEYS, which blocks a shared server) and unlinks in batches.
 */
export function createRedisPrefix(options: CreateRedisPrefixOptions = {}): RedisPrefix {
  const url = options.url ?? process.env.REDIS_URL ?? defaultRedisUrl;
  const prefix = `sy:test:${randomBytes(6).toString('hex')}:`;
  return { prefix, url, cleanup: () => deleteKeysWithPrefix(url, prefix) };
}

export async function deleteKeysWithPrefix(url: string, prefix: string): Promise<number> {
  if (!/^[A-Za-z0-9:_-]+$/.test(prefix)) {
    // Glob characters in a prefix would widen the match beyond our own keys.
    throw new Error(
      `refusing to delete keys for prefix ${JSON.stringify(prefix)}: only [A-Za-z0-9:_-] allowed`,
    );
  }
  const redis = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 1 });
  await redis.connect();
  let deleted = 0;
  try {
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 500);
      cursor = next;
      if (keys.length > 0) deleted += await redis.unlink(...keys);
    } while (cursor !== '0');
  } finally {
    await redis.quit().catch(() => redis.disconnect());
  }
  return deleted;
}
