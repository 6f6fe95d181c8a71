import {
  findByName,
  openSecret,
  type MasterKeyRing,
  type RoutingCatalog,
  type SnapshotDeployment,
  type SnapshotModel,
  type SnapshotProviderAccount,
} from '@switchyard/policy';
import { getProviderAdapter } from '@switchyard/providers';
import type { CompiledDeployment } from './compiled-snapshot.js';

/**
 * Position of each deployment in a full snapshot file, so equal-weight deployments keep the
 * order the file gives them. Published partitions have no global order; there the id decides,
 * which is the order the control plane has always read them in.
 */
export type DeploymentOrder = ReadonlyMap<string, number>;

/** Highest weight first; ties keep snapshot order (the priority strategy's fallback chain). */
export function byPriority(a: CompiledDeployment, b: CompiledDeployment): number {
  const weight = b.deployment.weight - a.deployment.weight;
  if (weight !== 0) return weight;
  if (a.snapshotOrder !== undefined && b.snapshotOrder !== undefined)
    return a.snapshotOrder - b.snapshotOrder;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/** The outcome for one deployment whose model and account were found. */
export type DeploymentOutcome =
  | { compiled: CompiledDeployment; unavailable?: undefined }
  /** Listed but unusable (no adapter, no openable key): routing reports why. */
  | { compiled?: undefined; unavailable: string };

/** Joins a deployment with its model, account, adapter and opened upstream keys. */
export function compileDeployment(
  deployment: SnapshotDeployment,
  model: SnapshotModel,
  account: SnapshotProviderAccount,
  keyRing: MasterKeyRing,
  warnings: string[],
  order: DeploymentOrder | undefined,
): DeploymentOutcome {
  const adapter = getProviderAdapter(account.providerType);
  if (!adapter) {
    const reason = `deployment ${deployment.id}: no adapter for provider '${account.providerType}'`;
    warnings.push(reason);
    return { unavailable: reason };
  }
  const keys: CompiledDeployment['keys'] = [];
  const problems: string[] = [];
  for (const key of account.keys) {
    try {
      keys.push({ id: key.id, secret: openSecret(key.secret, keyRing), weight: key.weight });
    } catch (error) {
      problems.push(`provider key ${key.id}: ${(error as Error).message}`);
    }
  }
  warnings.push(...problems);
  if (keys.length === 0) {
    const reason = `deployment ${deployment.id}: provider account ${account.id} has no usable key`;
    warnings.push(reason);
    return { unavailable: [...problems, reason].join('; ') };
  }
  return {
    compiled: {
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
      snapshotOrder: order?.get(deployment.id),
    },
  };
}

/** Deployments grouped by model, each list in priority order. */
export function groupByModel(
  deployments: Iterable<CompiledDeployment>,
): Map<string, CompiledDeployment[]> {
  const byModel = new Map<string, CompiledDeployment[]>();
  for (const deployment of deployments) {
    const list = byModel.get(deployment.model.id) ?? [];
    list.push(deployment);
    byModel.set(deployment.model.id, list);
  }
  for (const list of byModel.values()) list.sort(byPriority);
  return byModel;
}

/** The tables a catalog reads; every lookup is a map access except name search at compile time. */
export interface CatalogTables {
  models: ReadonlyMap<string, SnapshotModel>;
  modelsByCanonicalId: ReadonlyMap<string, SnapshotModel>;
  deployments: (id: string) => CompiledDeployment | undefined;
  deploymentsByModel: ReadonlyMap<string, readonly CompiledDeployment[]>;
  /** Every deployment the catalog may name, for lookups by name. */
  named: () => readonly CompiledDeployment[];
  unavailable: (reference: string) => string | undefined;
}

/** The routing evaluator's view of compiled tables (no copies). */
export function createCatalog(tables: CatalogTables): RoutingCatalog<CompiledDeployment> {
  return {
    model: (reference) => tables.models.get(reference) ?? tables.modelsByCanonicalId.get(reference),
    deploymentsOfModel: (modelId) => tables.deploymentsByModel.get(modelId) ?? [],
    deployment: (reference, tenantId) =>
      tables.deployments(reference) ?? findByName(tables.named(), reference, tenantId),
    unavailableDeployment: tables.unavailable,
  };
}
