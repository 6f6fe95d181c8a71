import {
  compileRoutingPolicy,
  findByName,
  openSecret,
  type CompiledRoutingPolicy,
  type MasterKeyRing,
  type RoutableDeployment,
  type RoutingCatalog,
  type PolicySnapshot,
  type SnapshotApiKey,
  type SnapshotDeployment,
  type SnapshotModel,
  type SnapshotProviderAccount,
  type SnapshotTenant,
} from '@switchyard/policy';
import { getProviderAdapter, type ProviderAdapter } from '@switchyard/providers';

/**
 * The snapshot turned into lookup tables once, when it arrives, so the hot path does only map
 * lookups: key hash → key + tenant, model name → pinned model, model → deployments (with their
 * adapter and opened upstream credentials).
 *
 * A compiled deployment is also the routing evaluator's `RoutableDeployment` (id, name, provider,
 * region… flattened once here), so routing hands back these very objects without copying.
 */
export interface CompiledDeployment extends RoutableDeployment {
  deployment: SnapshotDeployment;
  model: SnapshotModel;
  account: SnapshotProviderAccount;
  adapter: ProviderAdapter;
  /** Upstream credentials in clear text, only ever held in memory. */
  keys: { id: string; secret: string; weight: number }[];
}

export interface CompiledTenant {
  tenant: SnapshotTenant;
  /** Alias → pinned model id and explicit fallbacks (tenant aliases override global ones). */
  aliases: ReadonlyMap<string, { modelId: string; fallbackModelIds: string[] }>;
  /** The tenant's routing policy with targets resolved, compiled once per snapshot. */
  routingPolicy: CompiledRoutingPolicy<CompiledDeployment> | undefined;
}

export interface CompiledKey {
  key: SnapshotApiKey;
  tenant: CompiledTenant;
  expiresAtMs: number | undefined;
}

export interface CompiledSnapshot {
  version: number;
  loadedAtMs: number;
  keysByHash: ReadonlyMap<string, CompiledKey>;
  tenants: ReadonlyMap<string, CompiledTenant>;
  models: ReadonlyMap<string, SnapshotModel>;
  modelsByCanonicalId: ReadonlyMap<string, SnapshotModel>;
  deployments: ReadonlyMap<string, CompiledDeployment>;
  deploymentsByModel: ReadonlyMap<string, CompiledDeployment[]>;
  /** The same tables as the routing evaluator's catalog. */
  catalog: RoutingCatalog<CompiledDeployment>;
  /** Problems found while compiling (unknown provider type, undecryptable key…), for /readyz. */
  warnings: string[];
}

/** Builds the lookup tables; never throws for one bad entry, it is skipped and reported. */
export function compileSnapshot(
  snapshot: PolicySnapshot,
  keyRing: MasterKeyRing,
  nowMs: number,
): CompiledSnapshot {
  const warnings: string[] = [];
  const globalAliases = new Map(Object.entries(snapshot.aliases));

  const models = new Map(Object.entries(snapshot.models));
  const modelsByCanonicalId = new Map<string, SnapshotModel>();
  for (const model of models.values()) modelsByCanonicalId.set(model.canonicalId, model);

  const deployments = new Map<string, CompiledDeployment>();
  const deploymentsByModel = new Map<string, CompiledDeployment[]>();
  const unavailable = new Map<string, string>();
  for (const deployment of Object.values(snapshot.deployments)) {
    const warningCount = warnings.length;
    const compiled = compileDeployment(snapshot, deployment, keyRing, warnings);
    if (!compiled) {
      const reason = warnings.slice(warningCount).join('; ');
      unavailable.set(deployment.id, reason);
      unavailable.set(deployment.name, reason);
      continue;
    }
    deployments.set(deployment.id, compiled);
    const list = deploymentsByModel.get(deployment.modelId) ?? [];
    list.push(compiled);
    deploymentsByModel.set(deployment.modelId, list);
  }
  for (const list of deploymentsByModel.values()) {
    list.sort((a, b) => b.deployment.weight - a.deployment.weight);
  }
  const catalog = createCatalog(
    models,
    modelsByCanonicalId,
    deployments,
    deploymentsByModel,
    unavailable,
  );

  // Tenants last: their routing policies resolve targets against the deployments above.
  const tenants = new Map<string, CompiledTenant>();
  for (const tenant of Object.values(snapshot.tenants)) {
    const aliases = new Map(globalAliases);
    for (const [alias, pin] of Object.entries(tenant.aliases)) aliases.set(alias, pin);
    const routingPolicy = tenant.routingPolicy
      ? compileRoutingPolicy(tenant.routingPolicy, catalog, { tenantId: tenant.id, aliases })
      : undefined;
    tenants.set(tenant.id, { tenant, aliases, routingPolicy });
  }

  const keysByHash = new Map<string, CompiledKey>();
  for (const [hash, key] of Object.entries(snapshot.apiKeys)) {
    const tenant = tenants.get(key.tenantId);
    if (!tenant) {
      warnings.push(`api key ${key.id} names unknown tenant ${key.tenantId}`);
      continue;
    }
    const expiresAtMs = key.expiresAt ? Date.parse(key.expiresAt) : undefined;
    keysByHash.set(hash, { key, tenant, expiresAtMs });
  }

  return {
    version: snapshot.version,
    loadedAtMs: nowMs,
    keysByHash,
    tenants,
    models,
    modelsByCanonicalId,
    deployments,
    deploymentsByModel,
    catalog,
    warnings,
  };
}

function compileDeployment(
  snapshot: PolicySnapshot,
  deployment: SnapshotDeployment,
  keyRing: MasterKeyRing,
  warnings: string[],
): CompiledDeployment | undefined {
  const model = snapshot.models[deployment.modelId];
  const account = snapshot.providerAccounts[deployment.providerAccountId];
  if (!model || !account) {
    warnings.push(`deployment ${deployment.id} names an unknown model or provider account`);
    return undefined;
  }
  const adapter = getProviderAdapter(account.providerType);
  if (!adapter) {
    warnings.push(`deployment ${deployment.id}: no adapter for provider '${account.providerType}'`);
    return undefined;
  }
  const keys: CompiledDeployment['keys'] = [];
  for (const key of account.keys) {
    try {
      keys.push({ id: key.id, secret: openSecret(key.secret, keyRing), weight: key.weight });
    } catch (error) {
      warnings.push(`provider key ${key.id}: ${(error as Error).message}`);
    }
  }
  if (keys.length === 0) {
    warnings.push(`deployment ${deployment.id}: provider account ${account.id} has no usable key`);
    return undefined;
  }
  return {
    id: deployment.id,
    name: deployment.name,
    tenantId: deployment.tenantId,
    provider: account.providerType,
    region: deployment.region ?? account.region ?? undefined,
    weight: deployment.weight,
    maxConcurrency: deployment.maxConcurrency ?? undefined,
    deployment,
    model,
    account,
    adapter,
    keys,
  };
}

/** The routing evaluator's view of the lookup tables (no copies). */
function createCatalog(
  models: ReadonlyMap<string, SnapshotModel>,
  modelsByCanonicalId: ReadonlyMap<string, SnapshotModel>,
  deployments: ReadonlyMap<string, CompiledDeployment>,
  deploymentsByModel: ReadonlyMap<string, CompiledDeployment[]>,
  unavailable: ReadonlyMap<string, string>,
): RoutingCatalog<CompiledDeployment> {
  const all = [...deployments.values()];
  return {
    model: (reference) => models.get(reference) ?? modelsByCanonicalId.get(reference),
    deploymentsOfModel: (modelId) => deploymentsByModel.get(modelId) ?? [],
    deployment: (reference, tenantId) =>
      deployments.get(reference) ?? findByName(all, reference, tenantId),
    unavailableDeployment: (reference) => unavailable.get(reference),
  };
}
