import { Redis } from 'ioredis';
import pg from 'pg';
import { describe, expect, inject, it } from 'vitest';

// Runs under the integration project, whose globalSetup is src/vitest-global-setup.ts.
describe('integration global setup', () => {
  it('provides a migrated database of its own', async () => {
    const url = inject('TEST_DATABASE_URL');
    expect(new URL(url).pathname).toMatch(/^\/sy_test_[0-9a-f]{12}$/);
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      const result = await client.query<{ count: string }>(
        'SELECT count(*) FROM _prisma_migrations WHERE finished_at IS NOT NULL',
      );
      expect(Number(result.rows[0]?.count)).toBeGreaterThan(0);
    } finally {
      await client.end();
    }
  });

  it('provides a reachable Redis and a run-specific key prefix', async () => {
    const prefix = inject('TEST_REDIS_PREFIX');
    expect(prefix).toMatch(/^sy:test:[0-9a-f]{12}:$/);
    const redis = new Redis(inject('TEST_REDIS_URL'));
    try {
      // Left behind on purpose: the setup's teardown deletes the prefix's keys.
      await redis.set(`${prefix}global-setup-probe`, '1');
      expect(await redis.get(`${prefix}global-setup-probe`)).toBe('1');
    } finally {
      await redis.quit();
    }
  });
});
