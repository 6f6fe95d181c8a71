// Seeds the model catalog (from @switchyard/pricing) and a demo tenant with a gateway key and the
// built-in demo provider, so a fresh platform answers without any real provider key.
// Idempotent: every row is found-or-created by its natural key, so running it twice changes
// nothing (except refreshing catalog prices and the demo provider URL).
import { createPrismaClient, disconnect } from '@switchyard/db';
import {
  generateApiKey,
  hashApiKey,
  maskSecret,
  parseMasterKeyRing,
  sealSecret,
  visiblePrefix,
} from '@switchyard/policy';
import { modelCatalog } from '@switchyard/pricing';

const demoUpstreamSecret = 'sk-demo-provider-local';

/** Upserts every catalog model, its effective-dated prices and its undated aliases (global). */
export async function seedCatalog(prisma) {
  const usedCanonicalIds = new Map();
  const aliasTargets = new Map();
  for (const entry of modelCatalog) {
    // The same model sold by two providers (Claude on Anthropic and on Bedrock) shares a
    // catalog canonical id; the database id must be unique, so later ones are provider-prefixed.
    const canonicalId = usedCanonicalIds.has(entry.canonicalId)
      ? `${entry.providerType}/${entry.canonicalId}`
      : entry.canonicalId;
    usedCanonicalIds.set(entry.canonicalId, true);
    const data = {
      providerType: entry.providerType,
      providerModelId: entry.providerModelId,
      version: entry.version,
      contextWindow: entry.contextWindow,
      maxOutputTokens: entry.maxOutputTokens,
      capabilities: entry.capabilities,
      qualityScore: entry.qualityScore,
      deprecatedAt: entry.deprecatedAt ? new Date(entry.deprecatedAt) : null,
    };
    const model = await prisma.model.upsert({
      where: { canonicalId },
      create: { canonicalId, ...data },
      update: data,
    });
    for (const price of entry.prices) {
      const row = {
        effectiveTo: price.effectiveTo ? new Date(price.effectiveTo) : null,
        inputNanoUsdPerMTok: BigInt(price.input),
        outputNanoUsdPerMTok: BigInt(price.output),
        cacheReadNanoUsdPerMTok: optionalBigInt(price.cacheRead),
        cacheWriteNanoUsdPerMTok: optionalBigInt(price.cacheWrite),
        cacheWrite1hNanoUsdPerMTok: optionalBigInt(price.cacheWrite1h),
        reasoningNanoUsdPerMTok: optionalBigInt(price.reasoning),
        longContextThresholdTokens: price.longContextThresholdTokens ?? null,
        longContextInputNanoUsdPerMTok: optionalBigInt(price.longContextInput),
        longContextOutputNanoUsdPerMTok: optionalBigInt(price.longContextOutput),
        longContextCacheReadNanoUsdPerMTok: optionalBigInt(price.longContextCacheRead),
      };
      const effectiveFrom = new Date(price.effectiveFrom);
      await prisma.modelPrice.upsert({
        where: { modelId_effectiveFrom: { modelId: model.id, effectiveFrom } },
        create: { modelId: model.id, effectiveFrom, ...row },
        update: row,
      });
    }
    for (const alias of entry.aliases)
      if (!aliasTargets.has(alias)) aliasTargets.set(alias, model.id);
  }
  for (const [alias, modelId] of aliasTargets) {
    const existing = await prisma.modelAlias.findFirst({ where: { alias, tenantId: null } });
    if (!existing) await prisma.modelAlias.create({ data: { alias, modelId, tenantId: null } });
  }
  return modelCatalog.length;
}

function optionalBigInt(value) {
  return value === null || value === undefined ? null : BigInt(value);
}

/**
 * Seeds the demo tenant, the demo provider account + deployment and a gateway key. Returns the
 * key in clear text only when it was created now (or fixed by SWITCHYARD_DEMO_API_KEY).
 */
export async function seedDemo({ databaseUrl, masterKeys, demoProviderUrl, demoApiKey }) {
  const prisma = createPrismaClient(databaseUrl);
  try {
    await seedCatalog(prisma);
    const ring = parseMasterKeyRing(masterKeys);
    const tenant = await prisma.tenant.upsert({
      where: { slug: 'demo' },
      create: { slug: 'demo', name: 'Demo tenant' },
      update: {},
    });
    const demoModel = await prisma.model.findUniqueOrThrow({
      where: { canonicalId: 'demo-model' },
    });

    let account = await prisma.providerAccount.findFirst({
      where: { tenantId: tenant.id, name: 'demo-provider' },
    });
    if (!account) {
      account = await prisma.providerAccount.create({
        data: {
          tenantId: tenant.id,
          name: 'demo-provider',
          providerType: 'demo',
          baseUrl: demoProviderUrl,
        },
      });
    } else if (account.baseUrl !== demoProviderUrl) {
      account = await prisma.providerAccount.update({
        where: { id: account.id },
        data: { baseUrl: demoProviderUrl },
      });
    }
    const keyCount = await prisma.upstreamKey.count({ where: { providerAccountId: account.id } });
    if (keyCount === 0) {
      const sealed = sealSecret(demoUpstreamSecret, ring);
      await prisma.upstreamKey.create({
        data: {
          providerAccountId: account.id,
          ciphertext: JSON.stringify(sealed),
          keyId: sealed.keyId,
          hint: maskSecret(demoUpstreamSecret),
        },
      });
    }
    const deployment = await prisma.deployment.findFirst({
      where: { providerAccountId: account.id, name: 'demo' },
    });
    if (!deployment) {
      await prisma.deployment.create({
        data: {
          tenantId: tenant.id,
          modelId: demoModel.id,
          providerAccountId: account.id,
          name: 'demo',
          region: 'local',
        },
      });
    }
    const alias = await prisma.modelAlias.findFirst({
      where: { tenantId: tenant.id, alias: 'demo' },
    });
    if (!alias)
      await prisma.modelAlias.create({
        data: { tenantId: tenant.id, alias: 'demo', modelId: demoModel.id },
      });

    return { tenantId: tenant.id, apiKey: await ensureDemoKey(prisma, tenant.id, demoApiKey) };
  } finally {
    await disconnect(prisma);
  }
}

async function ensureDemoKey(prisma, tenantId, fixedKey) {
  if (fixedKey) {
    const keyHash = hashApiKey(fixedKey);
    const existing = await prisma.apiKey.findUnique({ where: { keyHash } });
    if (!existing) {
      await prisma.apiKey.create({
        data: { tenantId, name: 'demo', keyHash, prefix: visiblePrefix(fixedKey) },
      });
    }
    return fixedKey;
  }
  const existing = await prisma.apiKey.findFirst({
    where: { tenantId, name: 'demo', revokedAt: null },
  });
  if (existing) return undefined;
  const generated = generateApiKey();
  await prisma.apiKey.create({
    data: { tenantId, name: 'demo', keyHash: generated.hash, prefix: generated.prefix },
  });
  return generated.key;
}
