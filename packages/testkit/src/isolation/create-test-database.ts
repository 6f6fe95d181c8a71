import { randomBytes } from 'node:crypto';
import pg from 'pg';

/** Where test databases are created unless told otherwise (env `DATABASE_ADMIN_URL`). */
export const defaultDatabaseAdminUrl = 'postgres://postgres@127.0.0.1:5432/postgres';

export interface TestDatabase {
  /** Connection URL of the new database. */
  url: string;
  /** Its name, `sy_test_<random>`. */
  name: string;
  /** Drops it, disconnecting any session still attached (`WITH (FORCE)`). Safe to call twice. */
  drop(): Promise<void>;
}

export interface CreateTestDatabaseOptions {
  /** A URL of a database the role may connect to and create databases from. */
  adminUrl?: string;
}

/**
 * Creates an empty, uniquely named database so parallel test runs (and engineers) never share
 * state. Names only use [a-z0-9_], so quoting them as identifiers is safe.
 */
export async function createTestDatabase(
  options: CreateTestDatabaseOptions = {},
): Promise<TestDatabase> {
  const adminUrl = options.adminUrl ?? process.env.DATABASE_ADMIN_URL ?? defaultDatabaseAdminUrl;
  const name = `sy_test_${randomBytes(6).toString('hex')}`;
  await withAdminClient(adminUrl, (client) => client.query(`CREATE DATABASE "${name}"`));
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;

  let dropped = false;
  return {
    url: url.toString(),
    name,
    drop: async () => {
      if (dropped) return;
      dropped = true;
      await withAdminClient(adminUrl, (client) =>
        client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`),
      );
    },
  };
}

async function withAdminClient<T>(
  adminUrl: string,
  work: (client: pg.Client) => Promise<T>,
): Promise<T> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}
