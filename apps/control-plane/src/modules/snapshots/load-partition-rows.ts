import type { Transaction } from '../../infra/prisma.service.js';

/*
 * The rows partitions are compiled from. Only what the data plane may serve is loaded: disabled
 * tenants, accounts, keys, deployments and budgets, revoked or expired gateway keys, and retired
 * models are left out, so removing them from a partition is what turns them off.
 * Queries run sequentially on purpose: a transaction is one connection, and pg refuses
 * overlapping queries on it.
 */

const liveTenant = { disabledAt: null };

/** Catalog models, global aliases, and platform accounts and deployments. */
export async function loadBaseRows(transaction: Transaction) {
  const globalAliases = await transaction.modelAlias.findMany({
    where: { tenantId: null },
    orderBy: { alias: 'asc' },
  });
  const models = await transaction.model.findMany({
    where: { retiredAt: null },
    orderBy: { id: 'asc' },
    include: { prices: { orderBy: { effectiveFrom: 'asc' } } },
  });
  const providerAccounts = await transaction.providerAccount.findMany({
    where: { enabled: true, tenantId: null },
    orderBy: { id: 'asc' },
    include: { upstreamKeys: { where: { enabled: true }, orderBy: { id: 'asc' } } },
  });
  const deployments = await transaction.deployment.findMany({
    where: { enabled: true, tenantId: null },
    orderBy: { id: 'asc' },
  });
  return { globalAliases, models, providerAccounts, deployments };
}

export type BaseRows = Awaited<ReturnType<typeof loadBaseRows>>;

/**
 * Live tenants and their rows: the given tenants only (uses the tenantId indexes, so one
 * tenant's rows load in milliseconds however many tenants exist), or every tenant.
 */
export async function loadTenantRows(
  transaction: Transaction,
  tenantIds: readonly string[] | 'all',
  now: Date,
) {
  const only = tenantIds === 'all' ? undefined : [...tenantIds];
  // Tenant-owned rows only: platform rows belong to the base partition.
  const owned = only ? { in: only } : { not: null };
  const tenants = await transaction.tenant.findMany({
    where: { ...liveTenant, ...(only ? { id: { in: only } } : {}) },
    orderBy: { id: 'asc' },
    include: {
      modelAliases: { orderBy: { alias: 'asc' } },
      routingPolicies: {
        where: { activeVersionId: { not: null } },
        include: { activeVersion: true },
      },
      budgets: { where: { enabled: true }, orderBy: { id: 'asc' } },
      rateLimits: { orderBy: { id: 'asc' } },
    },
  });
  const apiKeys = await transaction.apiKey.findMany({
    where: {
      ...(only ? { tenantId: { in: only } } : {}),
      revokedAt: null,
      OR: [{ expiresAt: null }, { expiresAt: { gt: now } }],
      tenant: liveTenant,
    },
    orderBy: { id: 'asc' },
  });
  const providerAccounts = await transaction.providerAccount.findMany({
    where: { enabled: true, tenantId: owned, tenant: liveTenant },
    orderBy: { id: 'asc' },
    include: { upstreamKeys: { where: { enabled: true }, orderBy: { id: 'asc' } } },
  });
  const deployments = await transaction.deployment.findMany({
    where: { enabled: true, tenantId: owned, tenant: liveTenant },
    orderBy: { id: 'asc' },
  });
  return { tenants, apiKeys, providerAccounts, deployments };
}

export type TenantRows = Awaited<ReturnType<typeof loadTenantRows>>;
