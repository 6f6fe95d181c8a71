/**
 * Measures snapshot publishing at scale (issue: 10,000 tenants, 100,000 keys): a full publish
 * (every partition, what startup does), a one-tenant publish (what a key or policy change does)
 * and a base publish (catalog change), plus partition sizes.
 *
 *   DATABASE_URL=postgresql://postgres@127.0.0.1:5432/sy_measure REDIS_URL=redis://127.0.0.1:6379 \
 *     npx tsx apps/control-plane/scripts/measure-snapshot.ts [tenants=10000] [keys=100000]
 *
 * It creates (and afterwards drops) the database named in DATABASE_URL, so point it at a scratch
 * name; Redis keys go under a random prefix that is deleted at the end. The timed part of a
 * publish is exactly what the publisher does: read Postgres, build, validate with the partition
 * schemas, serialise ("compile"), then write to Redis and announce ("write").
 * The data plane's side is measured by apps/data-plane/scripts/measure-snapshot-apply.ts.
 */
import { randomBytes } from 'node:crypto';
import { createPrismaClient } from '@switchyard/db';
import {
  assembleSnapshot,
  publishSnapshotPartitions,
  readSnapshotManifest,
  snapshotRedisKeys,
} from '@switchyard/policy';
import { Redis } from 'ioredis';
import { compileSnapshotPartitions } from '../src/modules/snapshots/compile-snapshot-partitions.js';
import { everythingScope, type PublishScope } from '../src/modules/snapshots/publish-scope.js';
import { seedScaleData } from './seed-scale-data.js';

interface MigrationEngine {
  applyMigrations(databaseUrl: string): Promise<unknown>;
  dropDatabase(databaseUrl: string): Promise<void>;
}

const tenantCount = Number(process.argv[2] ?? 10_000);
const keyCount = Number(process.argv[3] ?? 100_000);
const databaseUrl = process.env.DATABASE_URL;
const redisUrl = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
if (!databaseUrl) {
  process.stderr.write(
    'DATABASE_URL is required (a scratch database name; it is created and dropped)\n',
  );
  process.exit(1);
}

type Database = ReturnType<typeof createPrismaClient>;
const mib = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MiB`;
const ms = (value: number) => `${value.toFixed(1)} ms`;
const print = (line: string) => process.stdout.write(`${line}\n`);

function percentile(values: number[], fraction: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * fraction))] ?? 0;
}

let nextVersion = 1;

/** One publish as SnapshotService does it; returns compile and write times and bytes written. */
async function publish(db: Database, redis: Redis, prefix: string, scope: PublishScope) {
  const version = nextVersion++;
  const started = performance.now();
  const compiled = await compileSnapshotPartitions(db, scope, version);
  const base = compiled.base && JSON.stringify(compiled.base);
  const tenants = compiled.tenants.map((partition) => ({
    tenantId: partition.tenantId,
    text: JSON.stringify(partition),
  }));
  const compiledAt = performance.now();
  const outcome = await publishSnapshotPartitions(redis, prefix, {
    version,
    base,
    tenants,
    removed: compiled.removed,
    full: compiled.full,
  });
  if (outcome.status !== 'published') throw new Error(`publish ${version}: ${outcome.status}`);
  const done = performance.now();
  const sizes = tenants.map((tenant) => Buffer.byteLength(tenant.text));
  return {
    compiled,
    compileMs: compiledAt - started,
    writeMs: done - compiledAt,
    baseBytes: base === undefined ? 0 : Buffer.byteLength(base),
    tenantBytes: sizes,
  };
}

async function measure(db: Database, redis: Redis, prefix: string): Promise<void> {
  for (let run = 1; run <= 3; run += 1) {
    const full = await publish(db, redis, prefix, everythingScope);
    const total = full.baseBytes + full.tenantBytes.reduce((sum, size) => sum + size, 0);
    print(
      `full publish ${run}: compile ${ms(full.compileMs)}, write ${ms(full.writeMs)}, ` +
        `${full.tenantBytes.length} tenant partitions, ${mib(total)} in all, ` +
        `heap ${Math.round(process.memoryUsage().heapUsed / 1024 / 1024)} MiB`,
    );
    if (run === 3) {
      const { base, tenants } = full.compiled;
      const single = base && JSON.stringify(assembleSnapshot(base, tenants, 1));
      print(
        `sizes: base ${(full.baseBytes / 1024).toFixed(1)} KiB; tenant partition median ` +
          `${percentile(full.tenantBytes, 0.5)} B, max ${Math.max(...full.tenantBytes)} B; ` +
          `the same as one snapshot: ${mib(Buffer.byteLength(single ?? ''))}`,
      );
    }
  }
  const manifestFields = await redis.hlen(snapshotRedisKeys(prefix).manifest);
  print(
    `manifest: ${manifestFields} fields (version ${(await readSnapshotManifest(redis, prefix))?.version})`,
  );

  for (const [label, scopeOf] of [
    ['one-tenant', (index: number) => tenantScope(`tenant${(index * 7919) % tenantCount}`)],
    ['base', () => ({ everything: false, base: true, tenantIds: new Set<string>() })],
  ] as const) {
    const compile: number[] = [];
    const total: number[] = [];
    for (let index = 0; index < 50; index += 1) {
      const result = await publish(db, redis, prefix, scopeOf(index));
      compile.push(result.compileMs);
      total.push(result.compileMs + result.writeMs);
    }
    print(
      `${label} publish (50 runs): compile median ${ms(percentile(compile, 0.5))}, ` +
        `compile+write median ${ms(percentile(total, 0.5))}, p95 ${ms(percentile(total, 0.95))}`,
    );
  }
}

function tenantScope(tenantId: string): PublishScope {
  return { everything: false, base: false, tenantIds: new Set([tenantId]) };
}

async function deletePrefix(redis: Redis, prefix: string): Promise<void> {
  let cursor = '0';
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 1000);
    if (keys.length > 0) await redis.del(...keys);
    cursor = next;
  } while (cursor !== '0');
}

async function main(): Promise<void> {
  const url = databaseUrl as string;
  const engine = (await import(
    new URL('../../../prisma/migration-engine.mjs', import.meta.url).href
  )) as MigrationEngine;
  await engine.applyMigrations(url);
  const db = createPrismaClient(url);
  const redis = new Redis(redisUrl);
  const prefix = `sy-measure-${randomBytes(4).toString('hex')}:`;
  try {
    const seeded = performance.now();
    await seedScaleData(db, tenantCount, keyCount);
    print(
      `seeded ${tenantCount} tenants, ${keyCount} keys in ${Math.round(performance.now() - seeded)} ms`,
    );
    await measure(db, redis, prefix);
  } finally {
    await deletePrefix(redis, prefix);
    redis.disconnect();
    await db.$disconnect();
    await engine.dropDatabase(url);
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
