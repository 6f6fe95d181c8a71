import type { BasePartition, TenantPartition } from './snapshot-partitions.js';
import { snapshotSchemaVersion, type PolicySnapshot } from './snapshot-schema.js';

/**
 * Joins a base and tenant partitions into the full schemaVersion-1 snapshot shape (tools, tests,
 * and readers that want one document). Tenant aliases get the global ones merged under them, as
 * a full snapshot has always carried them.
 */
export function assembleSnapshot(
  base: BasePartition,
  tenants: readonly TenantPartition[],
  version: number,
  generatedAt: string = base.generatedAt,
): PolicySnapshot {
  const snapshot: PolicySnapshot = {
    schemaVersion: snapshotSchemaVersion,
    version,
    generatedAt,
    tenants: {},
    apiKeys: {},
    models: base.models,
    aliases: base.aliases,
    providerAccounts: { ...base.providerAccounts },
    deployments: { ...base.deployments },
  };
  for (const partition of tenants) {
    snapshot.tenants[partition.tenantId] = {
      ...partition.tenant,
      aliases: { ...base.aliases, ...partition.tenant.aliases },
    };
    Object.assign(snapshot.apiKeys, partition.apiKeys);
    Object.assign(snapshot.providerAccounts, partition.providerAccounts);
    Object.assign(snapshot.deployments, partition.deployments);
  }
  return snapshot;
}

/** What `splitSnapshot` could not place: rows that name a tenant the snapshot does not have. */
export interface SplitSnapshot {
  base: BasePartition;
  tenants: TenantPartition[];
  /** Human-readable notes on rows that were left out. */
  orphans: string[];
}

/**
 * Splits a full snapshot into partitions, each at the snapshot's version (file mode and old
 * publishers). Rows of tenants the snapshot does not list are left out, as no caller of such a
 * tenant can authenticate; they are reported in `orphans`.
 */
export function splitSnapshot(snapshot: PolicySnapshot): SplitSnapshot {
  // Partition versions start at 1; a version-0 snapshot (never published) still loads.
  const version = Math.max(1, snapshot.version);
  const orphans: string[] = [];
  const base: BasePartition = {
    schemaVersion: snapshotSchemaVersion,
    version,
    generatedAt: snapshot.generatedAt,
    models: snapshot.models,
    aliases: snapshot.aliases,
    providerAccounts: {},
    deployments: {},
  };
  const byTenant = new Map<string, TenantPartition>();
  for (const tenant of Object.values(snapshot.tenants)) {
    byTenant.set(tenant.id, {
      schemaVersion: snapshotSchemaVersion,
      tenantId: tenant.id,
      version,
      generatedAt: snapshot.generatedAt,
      tenant,
      apiKeys: {},
      providerAccounts: {},
      deployments: {},
    });
  }
  const owner = (kind: string, rowId: string, tenantId: string) => {
    const partition = byTenant.get(tenantId);
    if (!partition) orphans.push(`${kind} ${rowId} names unknown tenant ${tenantId}`);
    return partition;
  };
  for (const [hash, key] of Object.entries(snapshot.apiKeys)) {
    const partition = owner('api key', key.id, key.tenantId);
    if (partition) partition.apiKeys[hash] = key;
  }
  for (const account of Object.values(snapshot.providerAccounts)) {
    if (account.tenantId === null) base.providerAccounts[account.id] = account;
    else {
      const partition = owner('provider account', account.id, account.tenantId);
      if (partition) partition.providerAccounts[account.id] = account;
    }
  }
  for (const deployment of Object.values(snapshot.deployments)) {
    if (deployment.tenantId === null) base.deployments[deployment.id] = deployment;
    else {
      const partition = owner('deployment', deployment.id, deployment.tenantId);
      if (partition) partition.deployments[deployment.id] = deployment;
    }
  }
  return { base, tenants: [...byTenant.values()], orphans };
}
