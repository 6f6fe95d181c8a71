import type { Database } from '@switchyard/db';

/** Row counts of every table the admin API writes, plus the audit log: equal before and after = nothing written. */
export async function countRows(db: Database): Promise<Record<string, number>> {
  return {
    tenants: await db.tenant.count(),
    apiKeys: await db.apiKey.count(),
    revokedApiKeys: await db.apiKey.count({ where: { revokedAt: { not: null } } }),
    providerAccounts: await db.providerAccount.count(),
    upstreamKeys: await db.upstreamKey.count(),
    models: await db.model.count(),
    modelPrices: await db.modelPrice.count(),
    modelAliases: await db.modelAlias.count(),
    deployments: await db.deployment.count(),
    routingPolicies: await db.routingPolicy.count(),
    routingPolicyVersions: await db.routingPolicyVersion.count(),
    activePolicies: await db.routingPolicy.count({ where: { activeVersionId: { not: null } } }),
    budgets: await db.budget.count(),
    rateLimits: await db.rateLimit.count(),
    alertChannels: await db.alertChannel.count(),
    adminPrincipals: await db.adminPrincipal.count(),
    adminTokens: await db.adminToken.count(),
    auditLogs: await db.auditLog.count(),
  };
}
