// PostgreSQL URL checks and database create/drop helpers shared by the migration tooling,
// scripts and tests. Plain `pg` on purpose: these run before any schema exists.
import { randomBytes } from 'node:crypto';
import pg from 'pg';

const EXAMPLE_URL = 'postgresql://postgres@127.0.0.1:5432/switchyard';
/** PostgreSQL truncates identifiers beyond 63 bytes; we refuse instead of guessing. */
const MAX_IDENTIFIER_LENGTH = 63;

/** A missing or malformed connection URL; the message names the variable that holds it. */
export class DatabaseUrlError extends Error {
  name = 'DatabaseUrlError';
}

/**
 * Checks that `value` is a usable PostgreSQL URL and returns its parts.
 * @param {string | undefined} value
 * @param {string} [variableName] named in error messages, e.g. "DATABASE_URL"
 * @returns {{ url: string, database: string, redacted: string }}
 */
export function parseDatabaseUrl(value, variableName = 'DATABASE_URL') {
  if (value === undefined || value.trim() === '') {
    throw new DatabaseUrlError(
      `${variableName} is not set. Set it to a PostgreSQL connection URL, e.g. ${variableName}=${EXAMPLE_URL}`,
    );
  }
  let parsed;
  try {
    parsed = new URL(value);
  } catch {
    // Never echo the raw value: it may hold a password.
    throw new DatabaseUrlError(
      `${variableName} is not a valid URL. Expected a PostgreSQL connection URL such as ${EXAMPLE_URL}`,
    );
  }
  if (parsed.protocol !== 'postgresql:' && parsed.protocol !== 'postgres:') {
    throw new DatabaseUrlError(
      `${variableName} must be a PostgreSQL URL starting with postgresql:// (got ${parsed.protocol}//…), e.g. ${EXAMPLE_URL}`,
    );
  }
  const database = decodeURIComponent(parsed.pathname.replace(/^\//, ''));
  if (database === '' || database.includes('/')) {
    throw new DatabaseUrlError(
      `${variableName} must name a database in its path (${redactUrl(parsed)} has none), e.g. ${EXAMPLE_URL}`,
    );
  }
  const schema = parsed.searchParams.get('schema');
  if (schema !== null && schema !== 'public') {
    // The migrations and the client both assume the public schema; a silently ignored
    // ?schema= would write the tables somewhere the caller did not ask for.
    throw new DatabaseUrlError(
      `${variableName} asks for schema "${schema}", but Switchyard only supports the public schema; remove ?schema=`,
    );
  }
  return { url: value, database, redacted: redactUrl(parsed) };
}

/** @param {URL} url */
function redactUrl(url) {
  const copy = new URL(url.toString());
  if (copy.password) copy.password = '***';
  return copy.toString();
}

/**
 * The same server and credentials, another database.
 * @param {string} databaseUrl
 * @param {string} databaseName
 */
export function databaseUrlWithName(databaseUrl, databaseName) {
  const url = new URL(databaseUrl);
  url.pathname = `/${encodeURIComponent(databaseName)}`;
  return url.toString();
}

/**
 * A fresh lowercase name like `<prefix>_3f9a1c0b5e7d`, short enough for PostgreSQL.
 * @param {string} prefix
 */
export function randomDatabaseName(prefix) {
  const suffix = randomBytes(6).toString('hex');
  const head = prefix
    .toLowerCase()
    .replace(/[^a-z0-9_]/g, '_')
    .slice(0, MAX_IDENTIFIER_LENGTH - 13);
  return `${head}_${suffix}`;
}

/** @param {string} name */
export function quoteIdentifier(name) {
  if (name.length > MAX_IDENTIFIER_LENGTH) {
    throw new Error(`Database name "${name}" is longer than ${MAX_IDENTIFIER_LENGTH} characters`);
  }
  return `"${name.replaceAll('"', '""')}"`;
}

/**
 * Runs one statement on a short-lived connection (CREATE/DROP DATABASE cannot run in a
 * transaction or through a pool that is still using the database).
 * @param {string} connectionString
 * @param {string} sql
 */
export async function runStatement(connectionString, sql) {
  const client = new pg.Client({ connectionString });
  await client.connect();
  try {
    return await client.query(sql);
  } finally {
    await client.end();
  }
}

/**
 * The server's maintenance database, used to create or drop the database named in the URL.
 * @param {string} databaseUrl
 */
function maintenanceUrl(databaseUrl) {
  return databaseUrlWithName(databaseUrl, 'postgres');
}

/**
 * Creates the database named in `databaseUrl` (fails if it exists).
 * @param {string} databaseUrl
 */
export async function createDatabase(databaseUrl) {
  const { database } = parseDatabaseUrl(databaseUrl, 'databaseUrl');
  await runStatement(maintenanceUrl(databaseUrl), `CREATE DATABASE ${quoteIdentifier(database)}`);
}

/**
 * Drops the database named in `databaseUrl` if it exists, closing other sessions on it.
 * @param {string} databaseUrl
 */
export async function dropDatabase(databaseUrl) {
  const { database } = parseDatabaseUrl(databaseUrl, 'databaseUrl');
  await runStatement(
    maintenanceUrl(databaseUrl),
    `DROP DATABASE IF EXISTS ${quoteIdentifier(database)} WITH (FORCE)`,
  );
}

/**
 * Creates the database named in `databaseUrl` when it does not exist yet, as `prisma migrate
 * deploy` does. Returns true when it created it.
 * @param {string} databaseUrl
 */
export async function ensureDatabase(databaseUrl) {
  try {
    await runStatement(databaseUrl, 'SELECT 1');
    return false;
  } catch (error) {
    // 3D000 = invalid_catalog_name: the server is reachable, the database is not there.
    if (/** @type {{ code?: string }} */ (error).code !== '3D000') throw error;
  }
  try {
    await createDatabase(databaseUrl);
    return true;
  } catch (error) {
    // 42P04 = duplicate_database: another process created it in the meantime.
    if (/** @type {{ code?: string }} */ (error).code === '42P04') return false;
    throw error;
  }
}
