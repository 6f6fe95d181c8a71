import type { PolicySnapshot, SnapshotModel } from './snapshot-schema.js';

/**
 * What the routing evaluator needs to know about one deployment. The data plane's compiled
 * deployments carry these fields (plus their adapter and credentials), so the evaluator hands
 * back the caller's own objects and nothing is copied on the hot path.
 */
export interface RoutableDeployment {
  readonly id: string;
  readonly name: string;
  /** Owning tenant, or null for a deployment shared by all tenants. */
  readonly tenantId: string | null;
  readonly provider: string;
  /** The deployment's region, else its provider account's. */
  readonly region: string | undefined;
  /** Relative weight among deployments of one model (priority order and weighted splits). */
  readonly weight: number;
  readonly model: SnapshotModel;
  readonly maxConcurrency: number | undefined;
}

/** Lookups over the deployable catalog; implemented over a compiled or a raw snapshot. */
export interface RoutingCatalog<T extends RoutableDeployment> {
  /** A catalog model by `id` or `canonicalId`. */
  model(reference: string): SnapshotModel | undefined;
  /** Deployments of a model, in priority order (highest weight first). */
  deploymentsOfModel(modelId: string): readonly T[];
  /** A deployment by id, else by name (the tenant's own first, then shared ones). */
  deployment(reference: string, tenantId: string): T | undefined;
  /** Why a deployment the snapshot lists cannot be used at all (no adapter, unreadable key). */
  unavailableDeployment?(reference: string): string | undefined;
}

/**
 * A catalog over a raw snapshot, for callers without the data plane's compiled tables (the
 * control plane's policy dry-run). Deployments whose model or account is missing are skipped.
 */
export function createSnapshotRoutingCatalog(
  snapshot: PolicySnapshot,
): RoutingCatalog<RoutableDeployment> {
  const byModel = new Map<string, RoutableDeployment[]>();
  const byId = new Map<string, RoutableDeployment>();
  for (const deployment of Object.values(snapshot.deployments)) {
    const model = snapshot.models[deployment.modelId];
    const account = snapshot.providerAccounts[deployment.providerAccountId];
    if (!model || !account) continue;
    const routable: RoutableDeployment = {
      id: deployment.id,
      name: deployment.name,
      tenantId: deployment.tenantId,
      provider: account.providerType,
      region: deployment.region ?? account.region ?? undefined,
      weight: deployment.weight,
      model,
      maxConcurrency: deployment.maxConcurrency ?? undefined,
    };
    byId.set(deployment.id, routable);
    const list = byModel.get(model.id) ?? [];
    list.push(routable);
    byModel.set(model.id, list);
  }
  for (const list of byModel.values()) list.sort((a, b) => b.weight - a.weight);
  const byCanonical = new Map(
    Object.values(snapshot.models).map((model) => [model.canonicalId, model]),
  );
  return {
    model: (reference) => snapshot.models[reference] ?? byCanonical.get(reference),
    deploymentsOfModel: (modelId) => byModel.get(modelId) ?? [],
    deployment: (reference, tenantId) =>
      byId.get(reference) ?? findByName([...byId.values()], reference, tenantId),
  };
}

/** Name lookup shared by catalog implementations: the tenant's own deployment wins over a shared one. */
export function findByName<T extends RoutableDeployment>(
  deployments: readonly T[],
  name: string,
  tenantId: string,
): T | undefined {
  let shared: T | undefined;
  for (const deployment of deployments) {
    if (deployment.name !== name) continue;
    if (deployment.tenantId === tenantId) return deployment;
    if (deployment.tenantId === null) shared ??= deployment;
  }
  return shared;
}
