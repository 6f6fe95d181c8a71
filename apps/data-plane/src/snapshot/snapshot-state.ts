import {
  splitSnapshot,
  type BasePartition,
  type MasterKeyRing,
  type PolicySnapshot,
  type RoutingCatalog,
  type TenantPartition,
} from '@switchyard/policy';
import { compileBase } from './compile-base.js';
import { createCatalog, groupByModel, type DeploymentOrder } from './compile-deployment.js';
import { compileTenant } from './compile-tenant.js';
import type {
  CompiledBase,
  CompiledDeployment,
  CompiledKey,
  CompiledSnapshot,
  CompiledTenant,
} from './compiled-snapshot.js';
import { KeyIndex } from './key-index.js';

/** The parts a snapshot is made of; the rest of `CompiledSnapshot` is derived from them. */
interface SnapshotParts {
  version: number;
  loadedAtMs: number;
  base: CompiledBase;
  tenants: ReadonlyMap<string, CompiledTenant>;
  keys: KeyIndex<CompiledKey>;
  deployments: ReadonlyMap<string, CompiledDeployment>;
}

/** Partitions to apply on top of a state, already validated. */
export interface PartitionUpdate {
  /** Manifest version the state will report. */
  version: number;
  base?: BasePartition;
  tenants: readonly TenantPartition[];
  removed: readonly string[];
}

/** A compiled state plus the warnings of what was compiled to reach it. */
export interface CompiledState {
  snapshot: CompiledSnapshot;
  warnings: readonly string[];
  /** Tenant partitions that failed to compile and were left as they were. */
  refused: ReadonlyArray<{ tenantId: string; error: string }>;
}

/** Compiles a full (schemaVersion 1) snapshot, e.g. a SWITCHYARD_SNAPSHOT_FILE. */
export function buildFromFullSnapshot(
  snapshot: PolicySnapshot,
  keyRing: MasterKeyRing,
  nowMs: number,
): CompiledState {
  const { base, tenants, orphans } = splitSnapshot(snapshot);
  const order: DeploymentOrder = new Map(
    Object.keys(snapshot.deployments).map((id, index) => [id, index]),
  );
  const state = buildState(snapshot.version, base, tenants, keyRing, nowMs, order);
  return { ...state, warnings: [...orphans, ...state.warnings] };
}

/** Compiles every partition from scratch (first load, and whenever the base changes). */
export function buildState(
  version: number,
  basePartition: BasePartition,
  tenantPartitions: Iterable<TenantPartition>,
  keyRing: MasterKeyRing,
  nowMs: number,
  order?: DeploymentOrder,
): CompiledState {
  const base = compileBase(basePartition, keyRing, order);
  const warnings = [...base.warnings];
  const refused: Array<{ tenantId: string; error: string }> = [];
  const tenants = new Map<string, CompiledTenant>();
  const editor = KeyIndex.empty<CompiledKey>().edit();
  const deployments = new Map(base.deployments);
  for (const partition of tenantPartitions) {
    const compiled = tryCompileTenant(partition, base, keyRing, order, refused);
    if (!compiled) continue;
    tenants.set(partition.tenantId, compiled);
    editor.add(compiled.keys);
    for (const [id, deployment] of compiled.deployments) deployments.set(id, deployment);
    warnings.push(...compiled.warnings);
  }
  const parts = { version, loadedAtMs: nowMs, base, tenants, keys: editor.done(), deployments };
  return { snapshot: createSnapshotView(parts), warnings, refused };
}

/**
 * Applies partitions to a state without touching what they do not name: a tenant's update
 * compiles that tenant, copies the tenant map once, and replaces its keys in the few index
 * shards they live in; every other tenant's compiled tables are the very same objects. A new
 * base changes what every tenant resolves against, so it recompiles every tenant from the
 * partitions it holds (CPU only; nothing is fetched again).
 */
export function applyPartitionUpdate(
  current: CompiledSnapshot,
  update: PartitionUpdate,
  keyRing: MasterKeyRing,
  nowMs: number,
): CompiledState {
  if (update.base) {
    const partitions = new Map<string, TenantPartition>();
    for (const [tenantId, tenant] of current.tenants) partitions.set(tenantId, tenant.partition);
    for (const tenantId of update.removed) partitions.delete(tenantId);
    for (const partition of update.tenants) partitions.set(partition.tenantId, partition);
    return buildState(update.version, update.base, partitions.values(), keyRing, nowMs);
  }
  const tenants = new Map(current.tenants);
  const editor = current.keysByHash.edit();
  let deployments: Map<string, CompiledDeployment> | undefined;
  const writableDeployments = () => (deployments ??= new Map(current.deployments));
  const warnings: string[] = [];
  const refused: Array<{ tenantId: string; error: string }> = [];
  const drop = (previous: CompiledTenant | undefined) => {
    if (!previous) return;
    editor.remove(previous.keys.keys(), previous.tenant.id);
    for (const id of previous.deployments.keys()) writableDeployments().delete(id);
  };
  for (const tenantId of update.removed) {
    drop(tenants.get(tenantId));
    tenants.delete(tenantId);
  }
  for (const partition of update.tenants) {
    const compiled = tryCompileTenant(partition, current.base, keyRing, undefined, refused);
    if (!compiled) continue;
    drop(tenants.get(partition.tenantId));
    tenants.set(partition.tenantId, compiled);
    editor.add(compiled.keys);
    for (const [id, deployment] of compiled.deployments) writableDeployments().set(id, deployment);
    warnings.push(...compiled.warnings);
  }
  const parts = {
    version: update.version,
    loadedAtMs: nowMs,
    base: current.base,
    tenants,
    keys: editor.done(),
    deployments: deployments ?? current.deployments,
  };
  return { snapshot: createSnapshotView(parts), warnings, refused };
}

function tryCompileTenant(
  partition: TenantPartition,
  base: CompiledBase,
  keyRing: MasterKeyRing,
  order: DeploymentOrder | undefined,
  refused: Array<{ tenantId: string; error: string }>,
): CompiledTenant | undefined {
  try {
    return compileTenant(partition, base, keyRing, order);
  } catch (error) {
    // One tenant's broken partition must not stop the others (or the swap) from applying.
    refused.push({ tenantId: partition.tenantId, error: (error as Error).message });
    return undefined;
  }
}

/** The snapshot object handlers read; views over every tenant are built on first use only. */
function createSnapshotView(parts: SnapshotParts): CompiledSnapshot {
  let byModel: Map<string, CompiledDeployment[]> | undefined;
  let catalog: RoutingCatalog<CompiledDeployment> | undefined;
  let warnings: string[] | undefined;
  const { base, deployments } = parts;
  const deploymentsByModel = () => (byModel ??= groupByModel(deployments.values()));
  return {
    version: parts.version,
    loadedAtMs: parts.loadedAtMs,
    base,
    keysByHash: parts.keys,
    tenants: parts.tenants,
    models: base.models,
    modelsByCanonicalId: base.modelsByCanonicalId,
    deployments,
    get deploymentsByModel() {
      return deploymentsByModel();
    },
    get catalog() {
      let all: CompiledDeployment[] | undefined;
      return (catalog ??= createCatalog({
        models: base.models,
        modelsByCanonicalId: base.modelsByCanonicalId,
        deployments: (id) => deployments.get(id),
        deploymentsByModel: deploymentsByModel(),
        named: () => (all ??= [...deployments.values()]),
        unavailable: (reference) =>
          base.unavailable.get(reference) ??
          [...parts.tenants.values()]
            .map((tenant) => tenant.catalog.unavailableDeployment?.(reference))
            .find((reason) => reason !== undefined),
      }));
    },
    get warnings() {
      return (warnings ??= [
        ...base.warnings,
        ...[...parts.tenants.values()].flatMap((tenant) => tenant.warnings),
      ]);
    },
  };
}
