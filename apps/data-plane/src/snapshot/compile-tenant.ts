import { compileRoutingPolicy, type MasterKeyRing, type TenantPartition } from '@switchyard/policy';
import {
  byPriority,
  compileDeployment,
  createCatalog,
  type DeploymentOrder,
} from './compile-deployment.js';
import type {
  CompiledBase,
  CompiledDeployment,
  CompiledKey,
  CompiledTenant,
  PinnedAlias,
} from './compiled-snapshot.js';

/**
 * Compiles one tenant partition against the base: its aliases over the global ones, its own
 * deployments, its routing policy, and its keys. Depends on nothing of any other tenant, so a
 * tenant's change recompiles that tenant alone. Never throws for one bad entry: it is skipped
 * and reported.
 */
export function compileTenant(
  partition: TenantPartition,
  base: CompiledBase,
  keyRing: MasterKeyRing,
  order?: DeploymentOrder,
): CompiledTenant {
  const warnings: string[] = [];
  const { tenant } = partition;
  const ownAliases = Object.entries(partition.tenant.aliases);
  // Most tenants have no aliases of their own: they share the base's map.
  const aliases: ReadonlyMap<string, PinnedAlias> =
    ownAliases.length === 0 ? base.aliases : new Map([...base.aliases, ...ownAliases]);

  const deployments = new Map<string, CompiledDeployment>();
  const unavailable = new Map<string, string>();
  for (const deployment of Object.values(partition.deployments)) {
    const model = base.models.get(deployment.modelId);
    const account =
      partition.providerAccounts[deployment.providerAccountId] ??
      base.accounts.get(deployment.providerAccountId);
    // A retired model or a disabled platform account switches the deployment off, exactly as
    // when the control plane compiled everything at once and left such deployments out.
    if (!model || !account) {
      warnings.push(`deployment ${deployment.id} names an unknown model or provider account`);
      continue;
    }
    const outcome = compileDeployment(deployment, model, account, keyRing, warnings, order);
    if (outcome.compiled) deployments.set(deployment.id, outcome.compiled);
    else {
      unavailable.set(deployment.id, outcome.unavailable);
      unavailable.set(deployment.name, outcome.unavailable);
    }
  }

  // Tenants without deployments of their own route over the base's shared tables as they are.
  let deploymentsByModel = base.deploymentsByModel;
  let catalog = base.catalog;
  if (deployments.size > 0 || unavailable.size > 0) {
    const merged = new Map(base.deploymentsByModel);
    for (const deployment of deployments.values()) {
      const modelId = deployment.model.id;
      merged.set(modelId, [...(merged.get(modelId) ?? []), deployment].sort(byPriority));
    }
    deploymentsByModel = merged;
    let named: CompiledDeployment[] | undefined;
    catalog = createCatalog({
      models: base.models,
      modelsByCanonicalId: base.modelsByCanonicalId,
      deployments: (id) => deployments.get(id) ?? base.deployments.get(id),
      deploymentsByModel: merged,
      named: () => (named ??= [...deployments.values(), ...base.deployments.values()]),
      unavailable: (reference) => unavailable.get(reference) ?? base.unavailable.get(reference),
    });
  }

  const routingPolicy = tenant.routingPolicy
    ? compileRoutingPolicy(tenant.routingPolicy, catalog, { tenantId: tenant.id, aliases })
    : undefined;
  const keys = new Map<string, CompiledKey>();
  const compiled: CompiledTenant = {
    tenant,
    aliases,
    routingPolicy,
    version: partition.version,
    partition,
    keys,
    deployments,
    deploymentsByModel,
    catalog,
    warnings,
  };
  for (const [hash, key] of Object.entries(partition.apiKeys)) {
    const expiresAtMs = key.expiresAt ? Date.parse(key.expiresAt) : undefined;
    keys.set(hash, { key, tenant: compiled, expiresAtMs });
  }
  return compiled;
}
