import type { BasePartition, MasterKeyRing, SnapshotModel } from '@switchyard/policy';
import {
  compileDeployment,
  createCatalog,
  groupByModel,
  type DeploymentOrder,
} from './compile-deployment.js';
import type { CompiledBase, CompiledDeployment } from './compiled-snapshot.js';

/** Builds the base tables; never throws for one bad entry, it is skipped and reported. */
export function compileBase(
  partition: BasePartition,
  keyRing: MasterKeyRing,
  order?: DeploymentOrder,
): CompiledBase {
  const warnings: string[] = [];
  const models = new Map(Object.entries(partition.models));
  const modelsByCanonicalId = new Map<string, SnapshotModel>();
  for (const model of models.values()) modelsByCanonicalId.set(model.canonicalId, model);
  const accounts = new Map(Object.entries(partition.providerAccounts));
  const deployments = new Map<string, CompiledDeployment>();
  const unavailable = new Map<string, string>();
  for (const deployment of Object.values(partition.deployments)) {
    const model = models.get(deployment.modelId);
    const account = accounts.get(deployment.providerAccountId);
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
  const deploymentsByModel = groupByModel(deployments.values());
  const named = [...deployments.values()];
  const catalog = createCatalog({
    models,
    modelsByCanonicalId,
    deployments: (id) => deployments.get(id),
    deploymentsByModel,
    named: () => named,
    unavailable: (reference) => unavailable.get(reference),
  });
  return {
    partition,
    version: partition.version,
    models,
    modelsByCanonicalId,
    aliases: new Map(Object.entries(partition.aliases)),
    accounts,
    deployments,
    deploymentsByModel,
    unavailable,
    catalog,
    warnings,
  };
}
