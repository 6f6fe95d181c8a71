/**
 * Measures snapshot compile time and size at scale (issue: 10,000 tenants, 100,000 keys).
 *
 *   DATABASE_URL=postgresql://postgres@127.0.0.1:5432/sy_measure \
 *     npx tsx apps/control-plane/scripts/measure-snapshot.ts [tenants=10000] [keys=100000]
 *
 * It creates (and afterwards drops) the database named in DATABASE_URL, so point it at a scratch
 * name. Rows are bulk-inserted; the timed part is exactly what the publisher does per version:
 * read Postgres, build, validate with policySnapshotSchema, serialise.
 */
import { createHash, randomBytes } from 'node:crypto';
import { createPrismaClient } from '@switchyard/db';
import { policySnapshotSchema } from '@switchyard/policy';
import { compilePolicySnapshot } from '../src/modules/snapshots/compile-policy-snapshot.js';

interface MigrationEngine {
  applyMigrations(databaseUrl: string): Promise<unknown>;
  dropDatabase(databaseUrl: string): Promise<void>;
}

const tenantCount = Number(process.argv[2] ?? 10_000);
const keyCount = Number(process.argv[3] ?? 100_000);
const databaseUrl = process.env.DATABASE_URL;
if (!databaseUrl) {
  process.stderr.write(
    'DATABASE_URL is required (a scratch database name; it is created and dropped)\n',
  );
  process.exit(1);
}

async function seed(db: ReturnType<typeof createPrismaClient>): Promise<void> {
  const tenants = Array.from({ length: tenantCount }, (_, index) => ({
    id: `tenant${index}`,
    name: `Tenant ${index}`,
    slug: `tenant-${index}`,
    allowedProviders: ['openai', 'anthropic'],
  }));
  for (let start = 0; start < tenants.length; start += 5_000) {
    await db.tenant.createMany({ data: tenants.slice(start, start + 5_000) });
  }
  const keys = Array.from({ length: keyCount }, (_, index) => ({
    tenantId: `tenant${index % tenantCount}`,
    name: `key ${index}`,
    keyHash: createHash('sha256').update(`key-${index}`).digest('hex'),
    prefix: `sy-${randomBytes(4).toString('hex')}`,
    scopes: ['chat'],
    metadata: { team: `team-${index % 50}` },
  }));
  for (let start = 0; start < keys.length; start += 5_000) {
    await db.apiKey.createMany({ data: keys.slice(start, start + 5_000) });
  }
  // One budget and one rate limit per tenant, and a few models, as a realistic mix.
  await db.budget.createMany({
    data: tenants.map((tenant) => ({
      tenantId: tenant.id,
      name: 'monthly',
      scopeType: 'TENANT' as const,
      period: 'MONTHLY' as const,
      limitNanoUsd: 100_000_000_000n,
      action: 'BLOCK' as const,
    })),
  });
  await db.rateLimit.createMany({
    data: tenants.map((tenant) => ({ tenantId: tenant.id, requestsPerMinute: 600 })),
  });
  for (let index = 0; index < 50; index += 1) {
    await db.model.create({
      data: {
        canonicalId: `model-${index}`,
        providerType: 'openai',
        providerModelId: `model-${index}`,
        contextWindow: 128_000,
        prices: {
          create: {
            effectiveFrom: new Date('2025-01-01'),
            inputNanoUsdPerMTok: 400_000_000n,
            outputNanoUsdPerMTok: 1_600_000_000n,
          },
        },
      },
    });
  }
}

async function main(): Promise<void> {
  const url = databaseUrl as string;
  const engine = (await import(
    new URL('../../../prisma/migration-engine.mjs', import.meta.url).href
  )) as MigrationEngine;
  await engine.applyMigrations(url);
  const db = createPrismaClient(url);
  try {
    const seeded = performance.now();
    await seed(db);
    process.stdout.write(
      `seeded ${tenantCount} tenants, ${keyCount} keys in ${Math.round(performance.now() - seeded)} ms\n`,
    );
    for (let run = 1; run <= 3; run += 1) {
      const started = performance.now();
      const snapshot = await compilePolicySnapshot(db, run);
      const read = performance.now();
      const text = JSON.stringify(policySnapshotSchema.parse(snapshot));
      const done = performance.now();
      process.stdout.write(
        `run ${run}: total ${Math.round(done - started)} ms (read+build ${Math.round(read - started)} ms, ` +
          `validate+serialise ${Math.round(done - read)} ms), ${(Buffer.byteLength(text) / 1024 / 1024).toFixed(1)} MiB, ` +
          `heap ${Math.round(process.memoryUsage().heapUsed / 1024 / 1024)} MiB\n`,
      );
    }
  } finally {
    await db.$disconnect();
    await engine.dropDatabase(url);
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
