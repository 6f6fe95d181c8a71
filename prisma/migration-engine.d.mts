// Types of prisma/migration-engine.mjs for TypeScript callers (tests, testkit, scripts).
// Keep in step with the JSDoc in the .mjs files.

export interface EngineOptions {
  /** Receives the schema engine's JSON log lines. */
  log?: (line: string) => void;
}

export interface SchemaSource {
  /** Schema text to use instead of reading `schemaPath`. */
  schema?: string;
  /** Defaults to prisma/schema.prisma. */
  schemaPath?: string;
}

export interface MigrationsSource {
  /** Defaults to prisma/migrations. */
  migrationsDir?: string;
}

export interface MigrationList {
  baseDir: string;
  lockfile: { path: string; content: string | null };
  migrationDirectories: Array<{
    path: string;
    migrationFile: {
      path: string;
      content: { tag: 'ok'; value: string } | { tag: 'error'; value: string };
    };
  }>;
  shadowDbInitScript: string;
}

export interface MigrationStatus {
  hasMigrationsTable: boolean;
  /** null when the database history matches the migrations folder. */
  history:
    | null
    | { diagnostic: 'databaseIsBehind'; unappliedMigrationNames: string[] }
    | { diagnostic: 'migrationsDirectoryIsBehind'; unpersistedMigrationNames: string[] }
    | {
        diagnostic: 'historiesDiverge';
        lastCommonMigrationName: string | null;
        unpersistedMigrationNames: string[];
        unappliedMigrationNames: string[];
      };
  failedMigrationNames: string[];
  editedMigrationNames: string[];
}

export type CreateMigrationResult =
  { created: false } | { created: true; migrationName: string; directory: string; script: string };

export const PRISMA_DIR: string;
export const REPO_ROOT: string;
export const SCHEMA_PATH: string;
export const MIGRATIONS_DIR: string;
export const MIGRATION_LOCK_CONTENT: string;

export function applyMigrations(
  databaseUrl: string,
  options?: EngineOptions & MigrationsSource,
): Promise<{ appliedMigrationNames: string[]; createdDatabase: boolean }>;

export function createMigration(
  databaseUrl: string,
  name: string,
  options?: EngineOptions & SchemaSource & MigrationsSource & { now?: Date },
): Promise<CreateMigrationResult>;

export function diffMigrationsToSchema(
  databaseUrl: string,
  options?: EngineOptions & SchemaSource & MigrationsSource,
): Promise<string>;

export function diffDatabaseToSchema(
  databaseUrl: string,
  options?: EngineOptions & SchemaSource,
): Promise<string>;

export function getMigrationStatus(
  databaseUrl: string,
  options?: EngineOptions & MigrationsSource,
): Promise<MigrationStatus>;

export function resolveMigration(
  databaseUrl: string,
  migrationName: string,
  resolution: 'rolledBack' | 'applied',
  options?: EngineOptions & MigrationsSource,
): Promise<void>;

export function withSchemaEngine<T>(
  databaseUrl: string,
  options: EngineOptions & { schema?: string },
  work: (engine: unknown) => Promise<T>,
): Promise<T>;

export function readSchema(schemaPath?: string): Promise<string>;
export function readMigrationsList(migrationsDir: string): Promise<MigrationList>;

export class DatabaseUrlError extends Error {}
export function parseDatabaseUrl(
  value: string | undefined,
  variableName?: string,
): { url: string; database: string; redacted: string };
export function databaseUrlWithName(databaseUrl: string, databaseName: string): string;
export function randomDatabaseName(prefix: string): string;
export function createDatabase(databaseUrl: string): Promise<void>;
export function dropDatabase(databaseUrl: string): Promise<void>;
export function ensureDatabase(databaseUrl: string): Promise<boolean>;
