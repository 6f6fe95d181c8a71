import type { RoleCase } from './role-case.js';

const period = { from: '2024-01-01T00:00:00Z', to: '2024-02-01T00:00:00Z' };

/**
 * Cost reports and fired alerts: readable by every role, each within its own tenant. Re-costing
 * history rewrites everyone's numbers, so only platform admins may run it (even as a dry run).
 */
export const reportRoleCases: RoleCase[] = [
  {
    operation: 'usageReport',
    kind: 'query',
    access: 'tenant',
    document:
      'query($period: ReportPeriodInput!, $tenantId: ID) { usageReport(period: $period, groupBy: [MODEL], filter: { tenantId: $tenantId }) { totals { costNanoUsd } } }',
    prepare: async (_w, tenantId) => ({ period, tenantId }),
  },
  {
    operation: 'dailyUsage',
    kind: 'query',
    access: 'tenant',
    document:
      'query($period: ReportPeriodInput!, $tenantId: ID) { dailyUsage(period: $period, filter: { tenantId: $tenantId }) { days { day } } }',
    prepare: async (_w, tenantId) => ({ period, tenantId }),
  },
  {
    operation: 'topSpenders',
    kind: 'query',
    access: 'tenant',
    document:
      'query($period: ReportPeriodInput!, $tenantId: ID) { topSpenders(period: $period, by: API_KEY, filter: { tenantId: $tenantId }) { rank } }',
    prepare: async (_w, tenantId) => ({ period, tenantId }),
  },
  {
    operation: 'monthToDateSpend',
    kind: 'query',
    access: 'tenant',
    document: 'query($tenantId: ID) { monthToDateSpend(tenantId: $tenantId) { forecastNanoUsd } }',
    prepare: async (_w, tenantId) => ({ tenantId }),
  },
  {
    operation: 'alerts',
    kind: 'query',
    access: 'tenant',
    document: 'query($tenantId: ID) { alerts(filter: { tenantId: $tenantId }) { nodes { id } } }',
    prepare: async (_w, tenantId) => ({ tenantId }),
  },
  {
    operation: 'recostUsage',
    kind: 'mutation',
    access: 'platform',
    document: 'mutation($input: RecostUsageInput!) { recostUsage(input: $input) { rowsExamined } }',
    prepare: async (_w, tenantId) => ({ input: { ...period, tenantId, dryRun: true } }),
  },
];
