// @switchyard/db — the only package that imports Prisma. It re-exports the generated client
// (model types, enums, the Prisma namespace) and builds clients bound to one database.
//
// Prisma 7 has no Rust query engine: the client compiles queries in WebAssembly and does its
// I/O through a driver adapter, here @prisma/adapter-pg on a node-postgres pool.
import { PrismaPg } from '@prisma/adapter-pg';
import { PrismaClient } from './generated/client.js';

export * from './generated/client.js';

/** A client created by {@link createPrismaClient}. */
export type Database = PrismaClient;

export interface CreatePrismaClientOptions {
  /** Most connections the pool opens (node-postgres default: 10). */
  maxConnections?: number;
  /** Log SQL queries to stdout; for debugging only. */
  logQueries?: boolean;
}

/**
 * A Prisma client on `databaseUrl` (a postgresql:// URL, usually DATABASE_URL). Connections
 * open lazily on the first query; call {@link disconnect} to close the pool.
 */
export function createPrismaClient(
  databaseUrl: string,
  options: CreatePrismaClientOptions = {},
): PrismaClient {
  assertPostgresUrl(databaseUrl);
  const adapter = new PrismaPg({
    connectionString: databaseUrl,
    ...(options.maxConnections === undefined ? {} : { max: options.maxConnections }),
  });
  return new PrismaClient({ adapter, ...(options.logQueries ? { log: ['query' as const] } : {}) });
}

/** Closes the client's connection pool; safe to call more than once. */
export async function disconnect(client: PrismaClient): Promise<void> {
  await client.$disconnect();
}

/** Fails early with a message that says what to fix, instead of a pg connection error later. */
function assertPostgresUrl(databaseUrl: string): void {
  if (!databaseUrl) {
    throw new Error(
      'createPrismaClient: the database URL is empty; set DATABASE_URL to a postgresql:// URL',
    );
  }
  let protocol: string;
  try {
    protocol = new URL(databaseUrl).protocol;
  } catch {
    // The URL is not echoed: it may contain a password.
    throw new Error(
      'createPrismaClient: the database URL is not a valid URL; expected postgresql://user@host:5432/database',
    );
  }
  if (protocol !== 'postgresql:' && protocol !== 'postgres:') {
    throw new Error(`createPrismaClient: expected a postgresql:// URL, got ${protocol}//…`);
  }
}
