import { randomBytes } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { inject } from 'vitest';
import './provided-context.js';

const repoRoot = fileURLToPath(new URL('../../../..', import.meta.url));

interface MigrationEngine {
  applyMigrations(databaseUrl: string): Promise<unknown>;
  dropDatabase(databaseUrl: string): Promise<void>;
  databaseUrlWithName(databaseUrl: string, name: string): string;
}

export interface FreshDatabase {
  url: string;
  drop(): Promise<void>;
}

/**
 * A migrated database of its own, beside the run's shared one, for tests that need an empty
 * installation (first start, master-key rotation over every stored secret).
 */
export async function createFreshDatabase(label: string): Promise<FreshDatabase> {
  const engine = (await import(
    new URL('prisma/migration-engine.mjs', `file://${repoRoot}`).href
  )) as MigrationEngine;
  const url = engine.databaseUrlWithName(
    inject('TEST_DATABASE_URL'),
    `cp_${label}_${randomBytes(4).toString('hex')}`,
  );
  await engine.applyMigrations(url);
  return { url, drop: () => engine.dropDatabase(url) };
}
