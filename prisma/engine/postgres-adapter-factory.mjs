// The driver-adapter factory the WebAssembly schema engine talks to PostgreSQL through.
//
// It wraps @prisma/adapter-pg 7.10 and corrects three things that break migrations with it:
// 1. PrismaPg.connectToShadowDb() creates a random database and then connects with
//    `{ ...config, database }`; with a connection string the string wins in `pg`, so the
//    "shadow" would be the main database (which the engine then fills with migrations).
//    Here every shadow request gets a new database next to the main one, dropped on dispose
//    and again in close() in case the engine did not dispose it.
// 2. Catalog queries of the engine return PostgreSQL "char" columns (pg_constraint.contype
//    …), which adapter-pg rejects as an unsupported type. The engine reads them as
//    characters (as the native engine's driver returns them), so MigrationClient lets
//    adapter-pg see text and queryRaw then reports those columns as Character.
// 3. adapter-pg's executeScript splits the script on ';' and runs the pieces one by one,
//    which breaks on ';' inside strings or function bodies and leaves a half-applied
//    migration on error. The native engine sends the script as one simple query, which
//    PostgreSQL runs as one implicit transaction; we do the same.
import { PrismaPg } from '@prisma/adapter-pg';
import { ColumnTypeEnum } from '@prisma/driver-adapter-utils';
import pg from 'pg';
import {
  databaseUrlWithName,
  parseDatabaseUrl,
  quoteIdentifier,
  randomDatabaseName,
  runStatement,
} from './database-url.mjs';

const PG_CHAR_OID = 18;
const PG_TEXT_OID = 25;

/** Indexes of the "char" columns of a result, keyed by its rows array (see 2. above). */
const charColumnsByRows = new WeakMap();

/** @param {any} result a pg Result, or an array of them for multi-statement queries */
function reportCharColumnsAsText(result) {
  for (const one of Array.isArray(result) ? result : [result]) {
    /** @type {number[]} */
    const charColumns = [];
    (one?.fields ?? []).forEach((/** @type {any} */ field, /** @type {number} */ index) => {
      if (field.dataTypeID !== PG_CHAR_OID) return;
      field.dataTypeID = PG_TEXT_OID;
      charColumns.push(index);
    });
    if (charColumns.length > 0 && Array.isArray(one.rows))
      charColumnsByRows.set(one.rows, charColumns);
  }
  return result;
}

/** A pg client whose results never contain the "char" type (see 2. above). */
class MigrationClient extends pg.Client {
  /** @param {any[]} args */
  query(...args) {
    const last = args.length - 1;
    if (typeof args[last] === 'function') {
      // Callback style, used by pg.Pool#query.
      const callback = args[last];
      args[last] = (/** @type {unknown} */ error, /** @type {any} */ result) =>
        callback(error, error ? result : reportCharColumnsAsText(result));
      return super.query(...args);
    }
    const pending = super.query(...args);
    // Promise style; submittables (cursors, streams) are returned untouched.
    return typeof pending?.then === 'function' ? pending.then(reportCharColumnsAsText) : pending;
  }
}

/**
 * @typedef {object} MigrationAdapterFactory
 * @property {'postgres'} provider
 * @property {string} adapterName
 * @property {() => Promise<object>} connect
 * @property {() => Promise<object>} connectToShadowDb
 * @property {Error[]} errors JS-side failures; the engine only reports them as "GenericJs"
 * @property {() => Promise<void>} close ends every pool and drops leftover shadow databases
 */

/**
 * @param {string} databaseUrl the main database; shadow databases are created on its server
 * @returns {MigrationAdapterFactory}
 */
export function createMigrationAdapterFactory(databaseUrl) {
  const { database } = parseDatabaseUrl(databaseUrl, 'databaseUrl');
  /** @type {Set<pg.Pool>} */
  const pools = new Set();
  /** @type {Set<string>} */
  const shadowDatabases = new Set();
  /** @type {Error[]} */
  const errors = [];

  /** @param {string} url */
  async function connectTo(url) {
    const pool = new pg.Pool({ connectionString: url, Client: MigrationClient, max: 4 });
    pools.add(pool);
    const adapter = /** @type {any} */ (await new PrismaPg(pool).connect());
    const queryRaw = adapter.queryRaw.bind(adapter);
    adapter.queryRaw = async (/** @type {unknown} */ query) => {
      const result = await queryRaw(query);
      for (const index of charColumnsByRows.get(result.rows) ?? []) {
        result.columnTypes[index] = ColumnTypeEnum.Character;
      }
      return result;
    };
    adapter.executeScript = async (/** @type {string} */ script) => {
      try {
        await pool.query(script);
      } catch (error) {
        adapter.onError(error); // rethrows as a DriverAdapterError the engine can render
      }
    };
    adapter.dispose = async () => {
      if (!pools.delete(pool)) return;
      await pool.end();
    };
    return adapter;
  }

  async function dropShadowDatabase(/** @type {string} */ name) {
    if (!shadowDatabases.delete(name)) return;
    await runStatement(
      databaseUrl,
      `DROP DATABASE IF EXISTS ${quoteIdentifier(name)} WITH (FORCE)`,
    );
  }

  /** @param {() => Promise<object>} connect */
  const recordingErrors = (connect) => async () => {
    try {
      return await connect();
    } catch (error) {
      errors.push(/** @type {Error} */ (error));
      throw error;
    }
  };

  return {
    provider: 'postgres',
    adapterName: '@prisma/adapter-pg',
    errors,
    connect: recordingErrors(() => connectTo(databaseUrl)),
    connectToShadowDb: recordingErrors(async () => {
      const name = randomDatabaseName(`${database.slice(0, 30)}_shadow`);
      try {
        await runStatement(databaseUrl, `CREATE DATABASE ${quoteIdentifier(name)}`);
      } catch (error) {
        throw new Error(
          `Could not create the temporary shadow database "${name}" next to "${database}": ` +
            `${/** @type {Error} */ (error).message}. Creating migrations and checking drift ` +
            'need a role that may CREATE DATABASE.',
          { cause: error },
        );
      }
      shadowDatabases.add(name);
      const adapter = await connectTo(databaseUrlWithName(databaseUrl, name));
      const disposePool = adapter.dispose;
      adapter.dispose = async () => {
        await disposePool();
        await dropShadowDatabase(name);
      };
      return adapter;
    }),
    async close() {
      await Promise.allSettled([...pools].map((pool) => pool.end()));
      pools.clear();
      const leftovers = [...shadowDatabases];
      const results = await Promise.allSettled(leftovers.map(dropShadowDatabase));
      const failed = results.findIndex((result) => result.status === 'rejected');
      if (failed !== -1) {
        const reason = /** @type {PromiseRejectedResult} */ (results[failed]).reason;
        throw new Error(
          `Could not drop the shadow database "${leftovers[failed]}": ${reason.message}`,
        );
      }
    },
  };
}
