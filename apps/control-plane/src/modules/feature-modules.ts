import { AdminPrincipalsModule } from './admin-principals/admin-principals.module.js';
import { AlertChannelsModule } from './alert-channels/alert-channels.module.js';
import { AlertsQueryModule } from './alerts-query/alerts-query.module.js';
import { ModelAliasesModule } from './aliases/model-aliases.module.js';
import { ApiKeysModule } from './api-keys/api-keys.module.js';
import { AuditModule } from './audit/audit.module.js';
import { AuthModule } from './auth/auth.module.js';
import { BudgetsModule } from './budgets/budgets.module.js';
import { DeploymentsModule } from './deployments/deployments.module.js';
import { HealthModule } from './health/health.module.js';
import { ModelsModule } from './models/models.module.js';
import { ProviderAccountsModule } from './provider-accounts/provider-accounts.module.js';
import { RateLimitsModule } from './rate-limits/rate-limits.module.js';
import { RecostingModule } from './recosting/recosting.module.js';
import { ReportsModule } from './reports/reports.module.js';
import { RoutingPoliciesModule } from './routing-policies/routing-policies.module.js';
import { SecretsModule } from './secrets/secrets.module.js';
import { SnapshotsModule } from './snapshots/snapshots.module.js';
import { TenantsModule } from './tenants/tenants.module.js';

/** Every feature module, in one list so app.module.ts stays short. */
export const featureModules = [
  HealthModule,
  AuthModule,
  SnapshotsModule,
  AuditModule,
  AdminPrincipalsModule,
  TenantsModule,
  ApiKeysModule,
  ProviderAccountsModule,
  ModelsModule,
  ModelAliasesModule,
  DeploymentsModule,
  RoutingPoliciesModule,
  BudgetsModule,
  RateLimitsModule,
  AlertChannelsModule,
  AlertsQueryModule,
  ReportsModule,
  RecostingModule,
  SecretsModule,
];
