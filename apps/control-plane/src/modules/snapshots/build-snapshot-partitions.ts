import {
  capabilitySchema,
  routingPolicyDocumentSchema,
  sealedSecretSchema,
  snapshotSchemaVersion,
  type BasePartition,
  type Capability,
  type SnapshotApiKey,
  type SnapshotDeployment,
  type SnapshotModel,
  type SnapshotProviderAccount,
  type SnapshotTenant,
  type TenantPartition,
} from '@switchyard/policy';
import type { BaseRows, TenantRows } from './load-partition-rows.js';

type Alias = SnapshotTenant['aliases'][string];
type TenantRow<K extends keyof TenantRows> = TenantRows[K][number];
type BaseRow<K extends keyof BaseRows> = BaseRows[K][number];

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

/** The tenant's own aliases only: the base carries the global ones and readers merge them. */
function toTenant(tenant: TenantRow<'tenants'>): SnapshotTenant {
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
    aliases: toAliases(tenant.modelAliases),
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

function toModel(model: BaseRow<'models'>): SnapshotModel {
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

function toProviderAccount(
  account: BaseRow<'providerAccounts'> | TenantRow<'providerAccounts'>,
): SnapshotProviderAccount {
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

function toApiKey(key: TenantRow<'apiKeys'>): SnapshotApiKey {
  return {
    id: key.id,
    tenantId: key.tenantId,
    prefix: key.prefix,
    scopes: key.scopes,
    allowedModels: key.allowedModels,
    allowedProviders: key.allowedProviders,
    expiresAt: key.expiresAt?.toISOString() ?? null,
    metadata: toObject(key.metadata),
  };
}

function toDeployment(
  deployment: BaseRow<'deployments'> | TenantRow<'deployments'>,
): SnapshotDeployment {
  return {
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
  };
}

/** The base partition from one consistent read (not yet schema-validated). */
export function buildBasePartition(rows: BaseRows, version: number, now: Date): BasePartition {
  const models = Object.fromEntries(rows.models.map((model) => [model.id, toModel(model)]));
  const providerAccounts = Object.fromEntries(
    rows.providerAccounts.map((account) => [account.id, toProviderAccount(account)]),
  );
  // Both ends of a shared deployment live in the base, so a dangling one is left out here.
  const deployments = Object.fromEntries(
    rows.deployments
      .filter(
        (deployment) =>
          deployment.modelId in models && deployment.providerAccountId in providerAccounts,
      )
      .map((deployment) => [deployment.id, toDeployment(deployment)]),
  );
  return {
    schemaVersion: snapshotSchemaVersion,
    version,
    generatedAt: now.toISOString(),
    models,
    aliases: toAliases(rows.globalAliases),
    providerAccounts,
    deployments,
  };
}

/**
 * One partition per live tenant in `rows` (not yet schema-validated). A tenant deployment may
 * name a platform account or a model retired since; the data plane leaves such a deployment
 * out, so a base change never requires recompiling tenants here.
 */
export function buildTenantPartitions(
  rows: TenantRows,
  version: number,
  now: Date,
): TenantPartition[] {
  const partitions = new Map<string, TenantPartition>();
  for (const tenant of rows.tenants) {
    partitions.set(tenant.id, {
      schemaVersion: snapshotSchemaVersion,
      tenantId: tenant.id,
      version,
      generatedAt: now.toISOString(),
      tenant: toTenant(tenant),
      apiKeys: {},
      providerAccounts: {},
      deployments: {},
    });
  }
  for (const key of rows.apiKeys) {
    const partition = partitions.get(key.tenantId);
    if (partition) partition.apiKeys[key.keyHash] = toApiKey(key);
  }
  for (const account of rows.providerAccounts) {
    const partition = account.tenantId ? partitions.get(account.tenantId) : undefined;
    if (partition) partition.providerAccounts[account.id] = toProviderAccount(account);
  }
  for (const deployment of rows.deployments) {
    const partition = deployment.tenantId ? partitions.get(deployment.tenantId) : undefined;
    if (partition) partition.deployments[deployment.id] = toDeployment(deployment);
  }
  return [...partitions.values()];
}
