// Proves the offline migration tooling against a real PostgreSQL: the migrations apply once and
// only once, are recorded exactly as the Prisma CLI records them, and reproduce schema.prisma
// with no drift — and that the drift check does fail when the two disagree.
import { createHash } from 'node:crypto';
import { cp, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  MIGRATIONS_DIR,
  applyMigrations,
  createDatabase,
  createMigration,
  databaseUrlWithName,
  diffDatabaseToSchema,
  diffMigrationsToSchema,
  dropDatabase,
  getMigrationStatus,
  randomDatabaseName,
  readMigrationsList,
  readSchema,
  resolveMigration,
} from '../../../prisma/migration-engine.mjs';

const adminUrl = process.env.DATABASE_ADMIN_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const databaseName = randomDatabaseName('sy_dbtest_migrations');
const databaseUrl = databaseUrlWithName(adminUrl, databaseName);

/** A model the migrations do not have: the schema the drift check must reject. */
const DRIFT_PROBE_MODEL = `
model DriftProbe {
  id String @id

  @@map("drift_probe")
}
`;

async function query<T extends pg.QueryResultRow>(url: string, sql: string): Promise<T[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<T>(sql)).rows;
  } finally {
    await client.end();
  }
}

async function migrationNamesOnDisk(): Promise<string[]> {
  return (await readMigrationsList(MIGRATIONS_DIR)).migrationDirectories.map(
    (directory) => directory.path,
  );
}

beforeAll(async () => {
  await createDatabase(databaseUrl);
});

afterAll(async () => {
  await dropDatabase(databaseUrl);
});

describe('applyMigrations', () => {
  it('applies every migration folder and records it like the Prisma CLI does', async () => {
    const onDisk = await migrationNamesOnDisk();
    expect(onDisk.length).toBeGreaterThan(0);

    const result = await applyMigrations(databaseUrl);
    expect(result).toEqual({ appliedMigrationNames: onDisk, createdDatabase: false });

    const rows = await query<{
      migration_name: string;
      checksum: string;
      finished: boolean;
      rolled_back: boolean;
      applied_steps_count: number;
    }>(
      databaseUrl,
      `SELECT migration_name, checksum, finished_at IS NOT NULL AS finished,
              rolled_back_at IS NOT NULL AS rolled_back, applied_steps_count
         FROM _prisma_migrations ORDER BY migration_name`,
    );
    expect(rows.map((row) => row.migration_name)).toEqual(onDisk);
    for (const row of rows) {
      const script = await readFile(
        join(MIGRATIONS_DIR, row.migration_name, 'migration.sql'),
        'utf8',
      );
      // The CLI stores the SHA-256 of the script; a mismatch would make `migrate deploy` complain.
      expect(row.checksum).toBe(createHash('sha256').update(script).digest('hex'));
      expect(row).toMatchObject({ finished: true, rolled_back: false, applied_steps_count: 1 });
    }
  });

  it('is a no-op the second time', async () => {
    const before = await query(databaseUrl, 'SELECT * FROM _prisma_migrations ORDER BY id');
    const again = await applyMigrations(databaseUrl);
    expect(again.appliedMigrationNames).toEqual([]);
    expect(await query(databaseUrl, 'SELECT * FROM _prisma_migrations ORDER BY id')).toEqual(
      before,
    );
    expect((await getMigrationStatus(databaseUrl)).history).toBeNull();
  });

  it('creates the database when it does not exist yet', async () => {
    const freshUrl = databaseUrlWithName(adminUrl, randomDatabaseName('sy_dbtest_fresh'));
    try {
      const result = await applyMigrations(freshUrl);
      expect(result.createdDatabase).toBe(true);
      expect(result.appliedMigrationNames).toEqual(await migrationNamesOnDisk());
    } finally {
      await dropDatabase(freshUrl);
    }
  });
});

describe('drift between the migrations and schema.prisma', () => {
  it('finds none: replaying the migrations produces schema.prisma exactly', async () => {
    expect(await diffMigrationsToSchema(databaseUrl)).toBe('');
  });

  it('finds none between the migrated database and schema.prisma', async () => {
    await applyMigrations(databaseUrl);
    expect(await diffDatabaseToSchema(databaseUrl)).toBe('');
  });

  it('reports a model that the migrations lack', async () => {
    const schema = (await readSchema()) + DRIFT_PROBE_MODEL;
    const drift = await diffMigrationsToSchema(databaseUrl, { schema });
    expect(drift).toContain('CREATE TABLE "drift_probe"');
    expect(await diffDatabaseToSchema(databaseUrl, { schema })).toContain(
      'CREATE TABLE "drift_probe"',
    );
  });

  it('reports a database changed by hand', async () => {
    await query(databaseUrl, 'ALTER TABLE "tenants" ADD COLUMN "added_by_hand" INTEGER');
    try {
      expect(await diffDatabaseToSchema(databaseUrl)).toContain('DROP COLUMN "added_by_hand"');
    } finally {
      await query(databaseUrl, 'ALTER TABLE "tenants" DROP COLUMN "added_by_hand"');
    }
  });
});

describe('createMigration', () => {
  let migrationsDir: string;

  beforeAll(async () => {
    // A copy, so the test never writes into the real prisma/migrations.
    migrationsDir = join(await mkdtemp(join(tmpdir(), 'sy-migrations-')), 'migrations');
    await cp(MIGRATIONS_DIR, migrationsDir, { recursive: true });
  });

  afterAll(async () => {
    await rm(join(migrationsDir, '..'), { recursive: true, force: true });
  });

  it('creates nothing when schema.prisma matches the migrations', async () => {
    expect(await createMigration(databaseUrl, 'nothing_changed', { migrationsDir })).toEqual({
      created: false,
    });
    expect(
      (await readMigrationsList(migrationsDir)).migrationDirectories.map((d) => d.path),
    ).toEqual(await migrationNamesOnDisk());
  });

  it('writes a timestamped migration that closes the gap to a changed schema', async () => {
    const schema = (await readSchema()) + DRIFT_PROBE_MODEL;
    const now = new Date('2099-01-02T03:04:05Z');
    const result = await createMigration(databaseUrl, 'Add drift probe!', {
      migrationsDir,
      schema,
      now,
    });
    if (!result.created) throw new Error('expected a migration to be created');

    expect(result.migrationName).toBe('20990102030405_add_drift_probe');
    expect(await readFile(join(result.directory, 'migration.sql'), 'utf8')).toBe(result.script);
    expect(result.script).toContain('CREATE TABLE "drift_probe"');
    expect(await diffMigrationsToSchema(databaseUrl, { migrationsDir, schema })).toBe('');
    // The database itself is untouched until the migration is applied.
    expect(await query(databaseUrl, `SELECT to_regclass('drift_probe') IS NULL AS absent`)).toEqual(
      [{ absent: true }],
    );
  });
});

describe('a failing migration', () => {
  const failingUrl = databaseUrlWithName(adminUrl, randomDatabaseName('sy_dbtest_failing'));
  let migrationsDir: string;
  const broken = '20990101000000_broken';

  beforeAll(async () => {
    migrationsDir = join(await mkdtemp(join(tmpdir(), 'sy-migrations-')), 'migrations');
    await cp(MIGRATIONS_DIR, migrationsDir, { recursive: true });
    await mkdir(join(migrationsDir, broken));
    // The first statement succeeds, the second fails: nothing of it may stay behind.
    await writeFile(
      join(migrationsDir, broken, 'migration.sql'),
      'CREATE TABLE "half_done" ("id" INTEGER);\nCREATE TABLE "tenants" ("id" INTEGER);\n',
    );
  });

  afterAll(async () => {
    await dropDatabase(failingUrl);
    await rm(join(migrationsDir, '..'), { recursive: true, force: true });
  });

  it('is rolled back as a whole, recorded as failed, and blocks later runs until resolved', async () => {
    await expect(applyMigrations(failingUrl, { migrationsDir })).rejects.toThrow(
      /relation "tenants" already exists/,
    );
    expect(await query(failingUrl, `SELECT to_regclass('half_done') IS NULL AS absent`)).toEqual([
      { absent: true },
    ]);
    expect((await getMigrationStatus(failingUrl, { migrationsDir })).failedMigrationNames).toEqual([
      broken,
    ]);
    await expect(applyMigrations(failingUrl, { migrationsDir })).rejects.toThrow(
      /failed migrations/,
    );

    await resolveMigration(failingUrl, broken, 'rolledBack', { migrationsDir });
    await writeFile(
      join(migrationsDir, broken, 'migration.sql'),
      'CREATE TABLE "half_done" ("id" INTEGER);\n',
    );
    expect((await applyMigrations(failingUrl, { migrationsDir })).appliedMigrationNames).toEqual([
      broken,
    ]);
  });
});

describe('shadow databases', () => {
  it('are all dropped again after diffs and createMigration', async () => {
    const leftovers = await query(
      databaseUrl,
      `SELECT datname FROM pg_database WHERE starts_with(datname, '${databaseName.slice(0, 30)}_shadow_')`,
    );
    expect(leftovers).toEqual([]);
  });
});
