/**
 * Measures how the data plane takes in snapshot partitions at scale (issue: 10,000 tenants,
 * 100,000 keys): the first full load, one tenant's change (a key revoked), and a base change
 * (a catalog price), each from partition JSON text as read from Redis through parse, validate,
 * compile and swap. No Redis or Postgres needed; the partitions are synthetic but shaped like
 * apps/control-plane/scripts/seed-scale-data.ts.
 *
 *   npx tsx apps/data-plane/scripts/measure-snapshot-apply.ts [tenants=10000] [keys=100000]
 */
import { createHash } from 'node:crypto';
import {
  routingPolicyDocumentSchema,
  sealSecret,
  snapshotSchemaVersion,
  type BasePartition,
  type TenantPartition,
} from '@switchyard/policy';
import { createTestKeyRing } from '@switchyard/testkit';
import { pino } from 'pino';
import { SnapshotHolder } from '../src/snapshot/snapshot-holder.js';

const tenantCount = Number(process.argv[2] ?? 10_000);
const keyCount = Number(process.argv[3] ?? 100_000);
const generatedAt = new Date().toISOString();
const { ring } = createTestKeyRing();
const print = (line: string) => process.stdout.write(`${line}\n`);
const ms = (value: number) => `${value.toFixed(2)} ms`;

function percentile(values: number[], fraction: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * fraction))] ?? 0;
}

function basePartition(version: number, inputPrice: number): BasePartition {
  const models: BasePartition['models'] = {};
  const deployments: BasePartition['deployments'] = {};
  for (let index = 0; index < 50; index += 1) {
    const id = `model${index}`;
    models[id] = {
      id,
      canonicalId: `model-${index}`,
      providerType: 'openai',
      providerModelId: `model-${index}`,
      contextWindow: 128_000,
      capabilities: ['tools'],
      prices: [{ effectiveFrom: '2025-01-01T00:00:00.000Z', input: inputPrice, output: 1_600_000 }],
    };
    deployments[`shared${index}`] = {
      id: `shared${index}`,
      tenantId: null,
      name: `shared-${index}`,
      modelId: id,
      providerAccountId: 'platform',
      weight: 1,
    };
  }
  const platform = {
    id: 'platform',
    tenantId: null,
    name: 'platform-openai',
    providerType: 'openai',
    baseUrl: 'https://api.openai.com/v1',
    options: {},
    keys: [{ id: 'platform-key', weight: 1, secret: sealSecret('sk-measure', ring) }],
  };
  return {
    schemaVersion: snapshotSchemaVersion,
    version,
    generatedAt,
    models,
    aliases: { fast: { modelId: 'model1', fallbackModelIds: [] } },
    providerAccounts: { platform },
    deployments,
  };
}

/** One active policy in ten tenants, as in seed-scale-data.ts. */
const cheapPolicy = routingPolicyDocumentSchema.parse({
  rules: [
    { name: 'cheap', when: { models: ['fast'] }, route: { targets: [{ model: 'model-1' }] } },
  ],
});

function tenantPartition(tenantIndex: number, version: number, skipKey = -1): TenantPartition {
  const tenantId = `tenant${tenantIndex}`;
  const apiKeys: TenantPartition['apiKeys'] = {};
  for (let index = tenantIndex; index < keyCount; index += tenantCount) {
    if (index === skipKey) continue;
    apiKeys[createHash('sha256').update(`key-${index}`).digest('hex')] = {
      id: `key${index}`,
      tenantId,
      prefix: 'sy-measure',
      scopes: ['chat'],
      allowedModels: [],
      allowedProviders: [],
      metadata: { team: `team-${index % 50}` },
    };
  }
  const routingPolicy = tenantIndex % 10 === 0 ? cheapPolicy : null;
  return {
    schemaVersion: snapshotSchemaVersion,
    tenantId,
    version,
    generatedAt,
    tenant: {
      id: tenantId,
      name: `Tenant ${tenantIndex}`,
      slug: `tenant-${tenantIndex}`,
      timezone: 'UTC',
      unsupportedParameters: 'reject',
      payloadLogging: false,
      allowedProviders: ['openai', 'anthropic'],
      blockedProviders: [],
      allowedRegions: [],
      allowedModels: [],
      aliases: {},
      routingPolicy,
      budgets: [
        {
          id: `budget${tenantIndex}`,
          name: 'monthly',
          scopeType: 'TENANT',
          period: 'MONTHLY',
          limitNanoUsd: '100000000000',
          action: 'BLOCK',
          alertThresholds: [50, 80, 100],
        },
      ],
      rateLimits: [{ id: `limit${tenantIndex}`, requestsPerMinute: 600 }],
    },
    apiKeys,
    providerAccounts: {},
    deployments: {},
  };
}

function main(): void {
  const holder = new SnapshotHolder(ring, pino({ level: 'silent' }));
  const baseText = JSON.stringify(basePartition(1, 400_000));
  const tenantTexts = Array.from({ length: tenantCount }, (_, index) => ({
    tenantId: `tenant${index}`,
    version: 1,
    text: JSON.stringify(tenantPartition(index, 1)),
  }));
  const bytes = tenantTexts.reduce((sum, entry) => sum + entry.text.length, baseText.length);
  print(
    `${tenantCount} tenant partitions, ${keyCount} keys, ${(bytes / 1024 / 1024).toFixed(1)} MiB`,
  );

  let started = performance.now();
  holder.applyPartitions({
    manifestVersion: 1,
    base: { version: 1, text: baseText },
    tenants: tenantTexts,
    removed: [],
  });
  print(
    `first full load (parse, validate, compile ${keyCount} keys): ${ms(performance.now() - started)}`,
  );

  const durations: number[] = [];
  let version = 2;
  for (let run = 0; run < 50; run += 1) {
    const tenantIndex = (run * 7919) % tenantCount;
    const before = holder.current!;
    const other = before.tenants.get(`tenant${(tenantIndex + 1) % tenantCount}`)!;
    // Revoke the tenant's first key: the partition arrives without it.
    const text = JSON.stringify(tenantPartition(tenantIndex, version, tenantIndex));
    started = performance.now();
    holder.applyPartitions({
      manifestVersion: version,
      tenants: [{ tenantId: `tenant${tenantIndex}`, version, text }],
      removed: [],
    });
    durations.push(performance.now() - started);
    version += 1;
    const after = holder.current!;
    const revoked = createHash('sha256').update(`key-${tenantIndex}`).digest('hex');
    if (after.keysByHash.get(revoked) || after.tenants.get(other.tenant.id) !== other)
      throw new Error('a one-tenant update did not apply exactly to that tenant');
  }
  print(
    `one-tenant change (key revoked), 50 runs: median ${ms(percentile(durations, 0.5))}, ` +
      `p95 ${ms(percentile(durations, 0.95))}, max ${ms(Math.max(...durations))}`,
  );

  const baseDurations: number[] = [];
  for (let run = 0; run < 3; run += 1) {
    const text = JSON.stringify(basePartition(version, 400_000 + run + 1));
    started = performance.now();
    holder.applyPartitions({
      manifestVersion: version,
      base: { version, text },
      tenants: [],
      removed: [],
    });
    baseDurations.push(performance.now() - started);
    version += 1;
  }
  print(
    `base change (recompiles every tenant from held partitions), 3 runs: ` +
      baseDurations.map(ms).join(', '),
  );
  print(`heap ${Math.round(process.memoryUsage().heapUsed / 1024 / 1024)} MiB`);
}

main();
