import type {
  CompiledRoutingPolicy,
  BasePartition,
  RoutableDeployment,
  RoutingCatalog,
  SnapshotApiKey,
  SnapshotDeployment,
  SnapshotModel,
  SnapshotProviderAccount,
  SnapshotTenant,
  TenantPartition,
} from '@switchyard/policy';
import type { ProviderAdapter } from '@switchyard/providers';
import type { KeyIndex } from './key-index.js';

/**
 * The snapshot turned into lookup tables when it arrives, so the hot path does only map lookups:
 * key hash → key + tenant, model name → pinned model, model → deployments (with their adapter and
 * opened upstream credentials). Built per partition (the base, and one per tenant) so a tenant's
 * change replaces that tenant's tables and shares every other one with the previous state.
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
  /** Position in a full snapshot file (ties between equal weights keep it); else undefined. */
  snapshotOrder?: number;
}

export interface PinnedAlias {
  modelId: string;
  fallbackModelIds: string[];
}

/** The base partition as lookup tables: what every tenant shares. */
export interface CompiledBase {
  partition: BasePartition;
  version: number;
  models: ReadonlyMap<string, SnapshotModel>;
  modelsByCanonicalId: ReadonlyMap<string, SnapshotModel>;
  /** Global aliases (a tenant's own override them). */
  aliases: ReadonlyMap<string, PinnedAlias>;
  /** Platform accounts, which tenant deployments may use too. */
  accounts: ReadonlyMap<string, SnapshotProviderAccount>;
  /** Shared deployments. */
  deployments: ReadonlyMap<string, CompiledDeployment>;
  deploymentsByModel: ReadonlyMap<string, readonly CompiledDeployment[]>;
  /** Why listed shared deployments cannot be used, by id and by name. */
  unavailable: ReadonlyMap<string, string>;
  /** Shared deployments only: the catalog of every tenant without deployments of its own. */
  catalog: RoutingCatalog<CompiledDeployment>;
  warnings: readonly string[];
}

export interface CompiledTenant {
  tenant: SnapshotTenant;
  /** Alias → pinned model id and explicit fallbacks (tenant aliases override global ones). */
  aliases: ReadonlyMap<string, PinnedAlias>;
  /** The tenant's routing policy with targets resolved, compiled once per partition. */
  routingPolicy: CompiledRoutingPolicy<CompiledDeployment> | undefined;
  /** Version of the tenant partition this was compiled from. */
  version: number;
  /** The partition itself, kept to recompile the tenant when the base changes. */
  partition: TenantPartition;
  /** The tenant's gateway keys by hash (the same entries as in the snapshot's key index). */
  keys: ReadonlyMap<string, CompiledKey>;
  /** The tenant's own deployments. */
  deployments: ReadonlyMap<string, CompiledDeployment>;
  /** Shared and own deployments by model, in priority order: all this tenant can route to. */
  deploymentsByModel: ReadonlyMap<string, readonly CompiledDeployment[]>;
  /** The routing evaluator's catalog over shared and own deployments. */
  catalog: RoutingCatalog<CompiledDeployment>;
  warnings: readonly string[];
}

export interface CompiledKey {
  key: SnapshotApiKey;
  tenant: CompiledTenant;
  expiresAtMs: number | undefined;
}

export interface CompiledSnapshot {
  /** The manifest version in force (a full snapshot file's own version in file mode). */
  version: number;
  /** When the state in force was installed (ms since epoch). */
  loadedAtMs: number;
  base: CompiledBase;
  /** Gateway keys by SHA-256 hex, across every tenant. */
  keysByHash: KeyIndex<CompiledKey>;
  tenants: ReadonlyMap<string, CompiledTenant>;
  models: ReadonlyMap<string, SnapshotModel>;
  modelsByCanonicalId: ReadonlyMap<string, SnapshotModel>;
  /** Every deployment, shared and of every tenant, by id. */
  deployments: ReadonlyMap<string, CompiledDeployment>;
  /**
   * Every tenant's deployments by model, built on first use. Requests route over their own
   * tenant's `deploymentsByModel`, which never lists another tenant's deployments.
   */
  deploymentsByModel: ReadonlyMap<string, CompiledDeployment[]>;
  /** A catalog over every deployment, built on first use (tenants have their own). */
  catalog: RoutingCatalog<CompiledDeployment>;
  /** Problems found while compiling (unknown provider type, undecryptable key…). */
  warnings: string[];
}
