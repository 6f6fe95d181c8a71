import type { TestProject } from 'vitest/node';
import { createRedisPrefix } from './isolation/create-redis-prefix.js';
import { createTestDatabase } from './isolation/create-test-database.js';
import './vitest-provided-context.js';

/**
 * vitest globalSetup for integration projects: one fresh, migrated Postgres database and one
 * Redis key prefix per run, handed to tests through `project.provide` and removed afterwards.
 *
 * The migration runner lives at the repo root (prisma/migration-engine.mjs). This file sits at
 * the same depth in src/ and dist/, so the same relative URL finds it from both.
 */
const migrationEngineUrl = new URL('../../../prisma/migration-engine.mjs', import.meta.url);

type ApplyMigrations = (databaseUrl: string) => Promise<unknown>;

async function loadApplyMigrations(): Promise<ApplyMigrations> {
  let loaded: unknown;
  try {
    loaded = await import(migrationEngineUrl.href);
  } catch (error) {
    throw new Error(`integration setup: cannot load ${migrationEngineUrl.pathname}`, {
      cause: error,
    });
  }
  const applyMigrations = (loaded as { applyMigrations?: unknown }).applyMigrations;
  if (typeof applyMigrations !== 'function') {
    throw new Error(
      `integration setup: ${migrationEngineUrl.pathname} does not export applyMigrations(databaseUrl)`,
    );
  }
  return (databaseUrl) => Promise.resolve(applyMigrations(databaseUrl));
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const database = await createTestDatabase();
  const redis = createRedisPrefix();
  try {
    const applyMigrations = await loadApplyMigrations();
    await applyMigrations(database.url);
  } catch (error) {
    // Leave nothing behind when setup itself fails.
    await database.drop();
    throw error;
  }

  project.provide('TEST_DATABASE_URL', database.url);
  project.provide('TEST_REDIS_URL', redis.url);
  project.provide('TEST_REDIS_PREFIX', redis.prefix);

  return async () => {
    // Run both even if one fails, then report the first failure.
    const results = await Promise.allSettled([database.drop(), redis.cleanup()]);
    const failure = results.find((result) => result.status === 'rejected');
    if (failure?.status === 'rejected') throw failure.reason;
  };
}
