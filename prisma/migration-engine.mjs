// Offline migrations for Switchyard: Prisma's schema engine (WebAssembly build) driven through
// the pg driver adapter, because the CLI's native engine cannot be downloaded here.
//
// What it writes and reads is what the Prisma CLI writes and reads: prisma/migrations/
// <timestamp>_<name>/migration.sql folders, migration_lock.toml and the _prisma_migrations
// table, so `prisma migrate deploy` keeps working wherever the native engine is available.
//
// Used by scripts/db.mjs (CLI), the seed/up scripts and the drift test.
import { bindMigrationAwareSqlAdapterFactory } from '@prisma/driver-adapter-utils';
import { readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureDatabase, parseDatabaseUrl } from './engine/database-url.mjs';
import { loadSchemaEngine, runExclusively, takePanic } from './engine/load-schema-engine.mjs';
import {
  MIGRATION_LOCK_CONTENT,
  migrationFolderName,
  readMigrationsList,
  withMigration,
  writeMigration,
} from './engine/migrations-directory.mjs';
import { createMigrationAdapterFactory } from './engine/postgres-adapter-factory.mjs';

export {
  DatabaseUrlError,
  createDatabase,
  databaseUrlWithName,
  dropDatabase,
  ensureDatabase,
  parseDatabaseUrl,
  randomDatabaseName,
} from './engine/database-url.mjs';
export { MIGRATION_LOCK_CONTENT, readMigrationsList } from './engine/migrations-directory.mjs';

export const PRISMA_DIR = dirname(fileURLToPath(import.meta.url));
export const REPO_ROOT = dirname(PRISMA_DIR);
export const SCHEMA_PATH = join(PRISMA_DIR, 'schema.prisma');
export const MIGRATIONS_DIR = join(PRISMA_DIR, 'migrations');

/** Nothing is managed outside Prisma (prisma.config.ts has no tables/enums.external). */
const NO_FILTERS = { externalTables: [], externalEnums: [] };

/**
 * @typedef {object} EngineOptions
 * @property {(line: string) => void} [log] receives the engine's JSON log lines
 */

/** @param {string} [schemaPath] */
export async function readSchema(schemaPath = SCHEMA_PATH) {
  return readFile(schemaPath, 'utf8');
}

/**
 * Starts an engine on `databaseUrl`, runs `work`, and always frees the engine, closes every
 * pool and drops any shadow database it made.
 * @template T
 * @param {string} databaseUrl
 * @param {{ schema?: string, log?: (line: string) => void }} options
 * @param {(engine: any) => Promise<T>} work
 * @returns {Promise<T>}
 */
export async function withSchemaEngine(databaseUrl, options, work) {
  return runExclusively(() => runWithSchemaEngine(databaseUrl, options, work));
}

/**
 * @template T
 * @param {string} databaseUrl
 * @param {{ schema?: string; log?: (line: string) => void }} options
 * @param {(engine: any) => Promise<T>} work
 * @returns {Promise<T>}
 */
async function runWithSchemaEngine(databaseUrl, options, work) {
  parseDatabaseUrl(databaseUrl, 'databaseUrl');
  const { SchemaEngine } = await loadSchemaEngine();
  const factory = createMigrationAdapterFactory(databaseUrl);
  const datamodels = options.schema === undefined ? undefined : [['schema.prisma', options.schema]];
  /** @type {any} */
  let engine;
  try {
    engine = await SchemaEngine.new(
      { datamodels },
      options.log ?? (() => {}),
      bindMigrationAwareSqlAdapterFactory(/** @type {any} */ (factory)),
    );
    return await work(engine);
  } catch (error) {
    throw explainEngineError(error, factory.errors);
  } finally {
    engine?.free();
    await factory.close();
  }
}

/**
 * Engine errors about JS-side failures only say "GenericJs"; attach the real cause.
 * @param {unknown} error
 * @param {Error[]} adapterErrors
 */
function explainEngineError(error, adapterErrors) {
  const panic = takePanic(error);
  if (panic !== undefined)
    return new Error(`The schema engine crashed: ${panic}`, { cause: error });
  const cause = adapterErrors.at(-1);
  if (cause && error instanceof Error && !error.message.includes(cause.message)) {
    return new Error(`${error.message}\nCaused by: ${cause.message}`, { cause });
  }
  return error;
}

/** @param {{ schema?: string, schemaPath?: string }} options */
async function schemaFrom(options) {
  return options.schema ?? (await readSchema(options.schemaPath));
}

/** @param {string} schema */
const schemaTarget = (schema) => ({
  tag: 'schemaDatamodel',
  files: [{ path: 'schema.prisma', content: schema }],
});

/**
 * The engine needs to know the provider of a migrations folder; a folder without a lock file
 * (no migration yet) is a PostgreSQL one.
 * @param {import('./engine/migrations-directory.mjs').MigrationList} list
 */
const withLockfile = (list) => ({
  ...list,
  lockfile: { ...list.lockfile, content: list.lockfile.content ?? MIGRATION_LOCK_CONTENT },
});

/**
 * SQL that turns `from` into the schema; '' when there is nothing to do.
 * @param {any} engine
 * @param {object} from a DiffTarget
 * @param {string} schema
 */
async function diffToSchema(engine, from, schema) {
  const result = await engine.diff({
    from,
    to: schemaTarget(schema),
    script: true,
    exitCode: true,
    filters: NO_FILTERS,
  });
  // With exitCode: true the engine answers 2 when the diff is not empty, 0 when it is.
  return result.exitCode === 0 ? '' : (result.stdout ?? '');
}

/**
 * Applies every pending migration of `migrationsDir` (like `prisma migrate deploy`), creating
 * the database first if it does not exist. Running it again is a no-op.
 * @param {string} databaseUrl
 * @param {EngineOptions & { migrationsDir?: string }} [options]
 * @returns {Promise<{ appliedMigrationNames: string[], createdDatabase: boolean }>}
 */
export async function applyMigrations(databaseUrl, options = {}) {
  const migrationsDir = options.migrationsDir ?? MIGRATIONS_DIR;
  parseDatabaseUrl(databaseUrl, 'databaseUrl');
  const migrationsList = await readMigrationsList(migrationsDir);
  if (migrationsList.migrationDirectories.length > 0 && migrationsList.lockfile.content === null) {
    throw new Error(
      `${join(migrationsDir, 'migration_lock.toml')} is missing; restore it from git`,
    );
  }
  const createdDatabase = await ensureDatabase(databaseUrl);
  const { appliedMigrationNames } = await withSchemaEngine(databaseUrl, options, (engine) =>
    engine.applyMigrations({ migrationsList: withLockfile(migrationsList), filters: NO_FILTERS }),
  );
  return { appliedMigrationNames, createdDatabase };
}

/**
 * Writes `<migrationsDir>/<UTC timestamp>_<name>/migration.sql` with the SQL that takes the
 * migration history to schema.prisma (like `prisma migrate dev --create-only`). The history
 * is replayed on temporary shadow databases created next to `databaseUrl` and dropped again;
 * the database itself is not changed. Before writing, the new history is replayed once more
 * and must match the schema exactly.
 * @param {string} databaseUrl a development database; its role must be allowed to CREATE DATABASE
 * @param {string} name e.g. "add_budget_alerts"
 * @param {EngineOptions & { schema?: string, schemaPath?: string, migrationsDir?: string, now?: Date }} [options]
 * @returns {Promise<{ created: false } | { created: true, migrationName: string, directory: string, script: string }>}
 */
export async function createMigration(databaseUrl, name, options = {}) {
  const migrationsDir = options.migrationsDir ?? MIGRATIONS_DIR;
  const migrationName = migrationFolderName(name, options.now ?? new Date());
  const schema = await schemaFrom(options);
  const list = withLockfile(await readMigrationsList(migrationsDir));
  const latest = list.migrationDirectories.at(-1)?.path;
  if (latest !== undefined && latest.localeCompare(migrationName) >= 0) {
    throw new Error(
      `New migration ${migrationName} would not sort after the latest one (${latest})`,
    );
  }
  const script = await withSchemaEngine(databaseUrl, { ...options, schema }, async (engine) => {
    const sql = await diffToSchema(engine, { tag: 'migrations', ...list }, schema);
    if (sql === '') return '';
    const remaining = await diffToSchema(
      engine,
      { tag: 'migrations', ...withMigration(list, migrationName, sql) },
      schema,
    );
    if (remaining !== '') {
      throw new Error(
        `The generated migration does not reproduce the schema; still missing:\n${remaining}`,
      );
    }
    return sql;
  });
  if (script === '') return { created: false };
  const directory = await writeMigration(migrationsDir, migrationName, script);
  return { created: true, migrationName, directory, script };
}

/**
 * Drift check: SQL that would take the schema produced by replaying the migrations (on a
 * temporary shadow database next to `databaseUrl`) to schema.prisma; '' = no drift.
 * @param {string} databaseUrl any database on the server; it is not changed
 * @param {EngineOptions & { schema?: string, schemaPath?: string, migrationsDir?: string }} [options]
 */
export async function diffMigrationsToSchema(databaseUrl, options = {}) {
  const schema = await schemaFrom(options);
  const list = withLockfile(await readMigrationsList(options.migrationsDir ?? MIGRATIONS_DIR));
  return withSchemaEngine(databaseUrl, { ...options, schema }, (engine) =>
    diffToSchema(engine, { tag: 'migrations', ...list }, schema),
  );
}

/**
 * SQL that would take the live database to schema.prisma; '' = the database matches.
 * Catches hand-made changes and unapplied migrations (the _prisma_migrations table is ignored).
 * @param {string} databaseUrl
 * @param {EngineOptions & { schema?: string, schemaPath?: string }} [options]
 */
export async function diffDatabaseToSchema(databaseUrl, options = {}) {
  const schema = await schemaFrom(options);
  const files = [{ path: 'schema.prisma', content: schema }];
  return withSchemaEngine(databaseUrl, { ...options, schema }, (engine) =>
    diffToSchema(engine, { tag: 'schemaDatasource', files, configDir: REPO_ROOT }, schema),
  );
}

/**
 * How the database's migration history compares with the migrations folder (read-only).
 * `history` is null when they agree; otherwise it names unapplied or unknown migrations.
 * @param {string} databaseUrl
 * @param {EngineOptions & { migrationsDir?: string }} [options]
 * @returns {Promise<{ hasMigrationsTable: boolean, history: null | { diagnostic: string, unappliedMigrationNames?: string[], unpersistedMigrationNames?: string[] }, failedMigrationNames: string[], editedMigrationNames: string[] }>}
 */
export async function getMigrationStatus(databaseUrl, options = {}) {
  const list = withLockfile(await readMigrationsList(options.migrationsDir ?? MIGRATIONS_DIR));
  return withSchemaEngine(databaseUrl, options, (engine) =>
    engine.diagnoseMigrationHistory({
      migrationsList: list,
      optInToShadowDatabase: false,
      filters: NO_FILTERS,
    }),
  );
}

/**
 * After a failed migration was fixed by hand (like `prisma migrate resolve`): `rolledBack`
 * marks its failed record as rolled back so the fixed migration can be applied again;
 * `applied` records it as applied without running it.
 * @param {string} databaseUrl
 * @param {string} migrationName the folder name, e.g. "20261125124247_init"
 * @param {'rolledBack' | 'applied'} resolution
 * @param {EngineOptions & { migrationsDir?: string }} [options]
 */
export async function resolveMigration(databaseUrl, migrationName, resolution, options = {}) {
  const list = withLockfile(await readMigrationsList(options.migrationsDir ?? MIGRATIONS_DIR));
  if (!list.migrationDirectories.some((directory) => directory.path === migrationName)) {
    throw new Error(`There is no migration folder named ${migrationName}`);
  }
  await withSchemaEngine(databaseUrl, options, (engine) =>
    resolution === 'rolledBack'
      ? engine.markMigrationRolledBack({ migrationName })
      : engine.markMigrationApplied({ migrationName, migrationsList: list }),
  );
}
