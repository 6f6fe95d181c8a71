import {
  capabilitySchema,
  routingPolicyDocumentSchema,
  sealedSecretSchema,
  snapshotSchemaVersion,
  type Capability,
  type PolicySnapshot,
  type SnapshotModel,
  type SnapshotProviderAccount,
  type SnapshotTenant,
} from '@switchyard/policy';
import type { Database, Transaction } from '../../infra/prisma.service.js';
import { loadSnapshotRows, type SnapshotRows } from './load-snapshot-rows.js';

type Alias = SnapshotTenant['aliases'][string];
type Row<K extends keyof SnapshotRows> = SnapshotRows[K][number];

const knownCapabilities = new Set<string>(capabilitySchema.options);

/** Prices are BIGINT nano-USD per 1M tokens in Postgres; the snapshot carries them as JSON integers. */
function nano(value: bigint): number;
function nano(value: bigint | null): number | null;
function nano(value: bigint | null): number | null {
  return value === null ? null : Number(value);
}

function toAliases(
  rows: ReadonlyArray<{ alias: string; modelId: string; fallbackModelIds: string[] }>,
) {
  const aliases: Record<string, Alias> = {};
  for (const row of rows)
    aliases[row.alias] = { modelId: row.modelId, fallbackModelIds: row.fallbackModelIds };
  return aliases;
}

function toStringRecord(value: unknown): Record<string, string> {
  if (!value || typeof value !== 'object' || Array.isArray(value)) return {};
  return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, String(item)]));
}

function toObject(value: unknown): Record<string, unknown> {
  return value && typeof value === 'object' && !Array.isArray(value) ? { ...value } : {};
}

function toTenant(tenant: Row<'tenants'>, globalAliases: Record<string, Alias>): SnapshotTenant {
  // One active policy per tenant is enforced on activation; the newest wins if data says otherwise.
  const policy = tenant.routingPolicies
    .filter((candidate) => candidate.activeVersion)
    .sort((a, b) => b.updatedAt.getTime() - a.updatedAt.getTime())[0];
  return {
    id: tenant.id,
    name: tenant.name,
    slug: tenant.slug,
    timezone: tenant.timezone,
    unsupportedParameters: tenant.unsupportedParameters,
    payloadLogging: tenant.payloadLogging,
    allowedProviders: tenant.allowedProviders,
    blockedProviders: tenant.blockedProviders,
    allowedRegions: tenant.allowedRegions,
    allowedModels: tenant.allowedModels,
    aliases: { ...globalAliases, ...toAliases(tenant.modelAliases) },
    routingPolicy: policy?.activeVersion
      ? routingPolicyDocumentSchema.parse(policy.activeVersion.document)
      : null,
    routingPolicyVersion: policy?.activeVersion?.version ?? null,
    budgets: tenant.budgets.map((budget) => ({
      id: budget.id,
      name: budget.name,
      scopeType: budget.scopeType,
      scopeValue: budget.scopeValue,
      period: budget.period,
      limitNanoUsd: budget.limitNanoUsd.toString(),
      action: budget.action,
      downgradeModelId: budget.downgradeModelId,
      alertThresholds: budget.alertThresholds,
    })),
    rateLimits: tenant.rateLimits.map((limit) => ({
      id: limit.id,
      apiKeyId: limit.apiKeyId,
      modelId: limit.modelId,
      requestsPerMinute: limit.requestsPerMinute,
      tokensPerMinute: limit.tokensPerMinute,
    })),
  };
}

function toModel(model: Row<'models'>): SnapshotModel {
  return {
    id: model.id,
    canonicalId: model.canonicalId,
    providerType: model.providerType,
    providerModelId: model.providerModelId,
    version: model.version,
    contextWindow: model.contextWindow,
    maxOutputTokens: model.maxOutputTokens,
    capabilities: model.capabilities.filter((name): name is Capability =>
      knownCapabilities.has(name),
    ),
    qualityScore: model.qualityScore,
    deprecatedAt: model.deprecatedAt?.toISOString() ?? null,
    prices: model.prices.map((price) => ({
      effectiveFrom: price.effectiveFrom.toISOString(),
      effectiveTo: price.effectiveTo?.toISOString() ?? null,
      input: nano(price.inputNanoUsdPerMTok),
      output: nano(price.outputNanoUsdPerMTok),
      cacheRead: nano(price.cacheReadNanoUsdPerMTok),
      cacheWrite: nano(price.cacheWriteNanoUsdPerMTok),
      cacheWrite1h: nano(price.cacheWrite1hNanoUsdPerMTok),
      reasoning: nano(price.reasoningNanoUsdPerMTok),
      longContextThresholdTokens: price.longContextThresholdTokens,
      longContextInput: nano(price.longContextInputNanoUsdPerMTok),
      longContextOutput: nano(price.longContextOutputNanoUsdPerMTok),
      longContextCacheRead: nano(price.longContextCacheReadNanoUsdPerMTok),
    })),
  };
}

function toProviderAccount(account: Row<'providerAccounts'>): SnapshotProviderAccount {
  return {
    id: account.id,
    tenantId: account.tenantId,
    name: account.name,
    providerType: account.providerType,
    baseUrl: account.baseUrl,
    region: account.region,
    options: toStringRecord(account.options),
    // Sealed form only: the data plane opens it with the master key ring it is given.
    keys: account.upstreamKeys.map((key) => ({
      id: key.id,
      weight: key.weight,
      secret: sealedSecretSchema.parse(JSON.parse(key.ciphertext)),
    })),
  };
}

/** Builds the snapshot from one consistent read of Postgres (not yet schema-validated). */
export function buildPolicySnapshot(
  rows: SnapshotRows,
  version: number,
  now: Date,
): PolicySnapshot {
  const globalAliases = toAliases(rows.globalAliases);
  const tenants = Object.fromEntries(
    rows.tenants.map((tenant) => [tenant.id, toTenant(tenant, globalAliases)]),
  );
  const models = Object.fromEntries(rows.models.map((model) => [model.id, toModel(model)]));
  const providerAccounts = Object.fromEntries(
    rows.providerAccounts.map((account) => [account.id, toProviderAccount(account)]),
  );
  const apiKeys = Object.fromEntries(
    rows.apiKeys.map((key) => [
      key.keyHash,
      {
        id: key.id,
        tenantId: key.tenantId,
        prefix: key.prefix,
        scopes: key.scopes,
        allowedModels: key.allowedModels,
        allowedProviders: key.allowedProviders,
        expiresAt: key.expiresAt?.toISOString() ?? null,
        metadata: toObject(key.metadata),
      },
    ]),
  );
  const deployments = Object.fromEntries(
    rows.deployments
      .filter(
        (deployment) =>
          deployment.modelId in models && deployment.providerAccountId in providerAccounts,
      )
      .map((deployment) => [
        deployment.id,
        {
          id: deployment.id,
          tenantId: deployment.tenantId,
          name: deployment.name,
          modelId: deployment.modelId,
          providerAccountId: deployment.providerAccountId,
          weight: deployment.weight,
          region: deployment.region,
          maxConcurrency: deployment.maxConcurrency,
          rpmLimit: deployment.rpmLimit,
          tpmLimit: deployment.tpmLimit,
        },
      ]),
  );
  return {
    schemaVersion: snapshotSchemaVersion,
    version,
    generatedAt: now.toISOString(),
    tenants,
    apiKeys,
    models,
    aliases: globalAliases,
    providerAccounts,
    deployments,
  };
}

/** Reads Postgres in one repeatable-read transaction so the snapshot never mixes two states. */
export async function compilePolicySnapshot(
  db: Database,
  version: number,
  now = new Date(),
): Promise<PolicySnapshot> {
  const rows = await db.$transaction(
    (transaction: Transaction) => loadSnapshotRows(transaction, now),
    {
      isolationLevel: 'RepeatableRead',
      // Large installations (100k keys) need longer than Prisma's 5 s default to read everything.
      timeout: 120_000,
      maxWait: 10_000,
    },
  );
  return buildPolicySnapshot(rows, version, now);
}
