import { Redis } from 'ioredis';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import {
  createRedisPrefix,
  createTestDatabase,
  defaultDatabaseAdminUrl,
  defaultRedisUrl,
  deleteKeysWithPrefix,
} from '../src/index.js';

const adminUrl = process.env.DATABASE_ADMIN_URL ?? defaultDatabaseAdminUrl;

async function databaseExists(name: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    const result = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    return result.rowCount === 1;
  } finally {
    await client.end();
  }
}

describe('createTestDatabase', () => {
  it('creates a usable sy_test_ database and drops it even with a session still open', async () => {
    const database = await createTestDatabase();
    expect(database.name).toMatch(/^sy_test_[0-9a-f]{12}$/);
    expect(new URL(database.url).pathname).toBe(`/${database.name}`);

    const session = new pg.Client({ connectionString: database.url });
    await session.connect();
    session.on('error', () => {
      // DROP ... WITH (FORCE) terminates this session; that is the point.
    });
    await session.query('CREATE TABLE probe (id int)');
    expect(await databaseExists(database.name)).toBe(true);

    await database.drop();
    expect(await databaseExists(database.name)).toBe(false);
    await database.drop(); // idempotent
    await session.end().catch(() => undefined);
  });

  it('gives every caller its own database', async () => {
    const [first, second] = await Promise.all([createTestDatabase(), createTestDatabase()]);
    try {
      expect(first.name).not.toBe(second.name);
    } finally {
      await Promise.all([first.drop(), second.drop()]);
    }
  });
});

describe('createRedisPrefix', () => {
  it('deletes only the keys under its own prefix', async () => {
    const mine = createRedisPrefix();
    const theirs = createRedisPrefix();
    expect(mine.prefix).toMatch(/^sy:test:[0-9a-f]{12}:$/);
    expect(mine.url).toBe(process.env.REDIS_URL ?? defaultRedisUrl);

    const redis = new Redis(mine.url);
    try {
      const pipeline = redis.pipeline();
      for (let index = 0; index < 1200; index += 1) pipeline.set(`${mine.prefix}key:${index}`, '1');
      pipeline.set(`${theirs.prefix}key`, '1');
      await pipeline.exec();

      expect(await mine.cleanup()).toBe(1200);
      expect(await redis.exists(`${mine.prefix}key:0`)).toBe(0);
      expect(await redis.exists(`${theirs.prefix}key`)).toBe(1);
    } finally {
      await theirs.cleanup();
      await redis.quit();
    }
  });

  it('refuses prefixes containing glob characters', async () => {
    await expect(deleteKeysWithPrefix(defaultRedisUrl, 'sy:*')).rejects.toThrow(/refusing/);
  });
});
