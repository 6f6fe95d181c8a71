import type { Transaction } from '../../infra/prisma.service.js';

/**
 * The rows a snapshot is compiled from. Only what the data plane may serve is loaded: disabled
 * tenants, accounts, keys, deployments and budgets, revoked or expired gateway keys, and retired
 * models are left out, so removing them from the snapshot is what turns them off.
 */
export async function loadSnapshotRows(transaction: Transaction, now: Date) {
  const liveTenant = { disabledAt: null };
  // Sequential on purpose: a transaction is one connection, and pg refuses overlapping queries.
  const tenants = await transaction.tenant.findMany({
    where: liveTenant,
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
  const globalAliases = await transaction.modelAlias.findMany({
    where: { tenantId: null },
    orderBy: { alias: 'asc' },
  });
  const apiKeys = await transaction.apiKey.findMany({
    where: {
      revokedAt: null,
      OR: [{ expiresAt: null }, { expiresAt: { gt: now } }],
      tenant: liveTenant,
    },
    orderBy: { id: 'asc' },
  });
  const models = await transaction.model.findMany({
    where: { retiredAt: null },
    orderBy: { id: 'asc' },
    include: { prices: { orderBy: { effectiveFrom: 'asc' } } },
  });
  const providerAccounts = await transaction.providerAccount.findMany({
    where: { enabled: true, OR: [{ tenantId: null }, { tenant: liveTenant }] },
    orderBy: { id: 'asc' },
    include: { upstreamKeys: { where: { enabled: true }, orderBy: { id: 'asc' } } },
  });
  const deployments = await transaction.deployment.findMany({
    where: { enabled: true, OR: [{ tenantId: null }, { tenant: liveTenant }] },
    orderBy: { id: 'asc' },
  });
  return { tenants, globalAliases, apiKeys, models, providerAccounts, deployments };
}

export type SnapshotRows = Awaited<ReturnType<typeof loadSnapshotRows>>;
