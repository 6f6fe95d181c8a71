import { createHash, randomBytes } from 'node:crypto';
import type { createPrismaClient } from '@switchyard/db';
import { parseMasterKeyRing, sealSecret } from '@switchyard/policy';

type Database = ReturnType<typeof createPrismaClient>;

const batchSize = 5_000;

async function inBatches<T>(rows: T[], insert: (batch: T[]) => Promise<unknown>): Promise<void> {
  for (let start = 0; start < rows.length; start += batchSize) {
    await insert(rows.slice(start, start + batchSize));
  }
}

/**
 * Bulk-inserts an installation of the size the issue names, as a realistic mix: tenants with a
 * budget and a rate limit each, keys spread evenly over them, an active routing policy for one
 * tenant in ten, 50 catalog models with a price, and one platform account with a shared
 * deployment per model. Ids are predictable (`tenant<n>`) so measurements can pick tenants.
 */
export async function seedScaleData(
  db: Database,
  tenantCount: number,
  keyCount: number,
): Promise<void> {
  const tenants = Array.from({ length: tenantCount }, (_, index) => ({
    id: `tenant${index}`,
    name: `Tenant ${index}`,
    slug: `tenant-${index}`,
    allowedProviders: ['openai', 'anthropic'],
  }));
  await inBatches(tenants, (batch) => db.tenant.createMany({ data: batch }));
  const keys = Array.from({ length: keyCount }, (_, index) => ({
    tenantId: `tenant${index % tenantCount}`,
    name: `key ${index}`,
    keyHash: createHash('sha256').update(`key-${index}`).digest('hex'),
    prefix: `sy-${randomBytes(4).toString('hex')}`,
    scopes: ['chat'],
    metadata: { team: `team-${index % 50}` },
  }));
  await inBatches(keys, (batch) => db.apiKey.createMany({ data: batch }));
  await inBatches(tenants, (batch) =>
    db.budget.createMany({
      data: batch.map((tenant) => ({
        tenantId: tenant.id,
        name: 'monthly',
        scopeType: 'TENANT' as const,
        period: 'MONTHLY' as const,
        limitNanoUsd: 100_000_000_000n,
        action: 'BLOCK' as const,
      })),
    }),
  );
  await inBatches(tenants, (batch) =>
    db.rateLimit.createMany({
      data: batch.map((tenant) => ({ tenantId: tenant.id, requestsPerMinute: 600 })),
    }),
  );
  const modelIds: string[] = [];
  for (let index = 0; index < 50; index += 1) {
    const model = await db.model.create({
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
    modelIds.push(model.id);
  }
  const ring = parseMasterKeyRing(`measure:${randomBytes(32).toString('base64')}`);
  const sealed = sealSecret(`sk-${randomBytes(16).toString('hex')}`, ring);
  const account = await db.providerAccount.create({
    data: {
      name: 'platform-openai',
      providerType: 'openai',
      baseUrl: 'https://api.openai.com/v1',
      upstreamKeys: {
        create: { ciphertext: JSON.stringify(sealed), keyId: sealed.keyId, hint: 'sk-…' },
      },
    },
  });
  await db.deployment.createMany({
    data: modelIds.map((modelId, index) => ({
      modelId,
      providerAccountId: account.id,
      name: `shared-${index}`,
    })),
  });
  const withPolicy = tenants.filter((_, index) => index % 10 === 0);
  await inBatches(withPolicy, (batch) =>
    db.routingPolicy.createMany({
      data: batch.map((tenant) => ({ id: `policy-${tenant.id}`, tenantId: tenant.id, name: 'p' })),
    }),
  );
  const document = {
    rules: [
      { name: 'cheap', when: { models: ['fast'] }, route: { targets: [{ model: 'model-1' }] } },
    ],
  };
  await inBatches(withPolicy, (batch) =>
    db.routingPolicyVersion.createMany({
      data: batch.map((tenant) => ({
        id: `version-${tenant.id}`,
        policyId: `policy-${tenant.id}`,
        version: 1,
        document,
      })),
    }),
  );
  // Activation is a pointer from policy to version, which createMany cannot set per row.
  await db.$executeRawUnsafe(
    `UPDATE routing_policies SET active_version_id = replace(id, 'policy-', 'version-')`,
  );
}
