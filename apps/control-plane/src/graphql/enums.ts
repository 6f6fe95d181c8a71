import { registerEnumType } from '@nestjs/graphql';
import type {
  AdminRole as DbAdminRole,
  BudgetAction as DbBudgetAction,
  BudgetPeriod as DbBudgetPeriod,
  BudgetScopeType as DbBudgetScopeType,
  UnsupportedParameterMode as DbUnsupportedParameterMode,
} from '@switchyard/db';

/**
 * GraphQL enums mirroring the database enums. Declared here (values, not imports) so GraphQL
 * types do not depend on the generated client at runtime; `satisfies` keeps them in sync.
 */
export const AdminRole = {
  PLATFORM_ADMIN: 'PLATFORM_ADMIN',
  TENANT_ADMIN: 'TENANT_ADMIN',
  FINANCE: 'FINANCE',
} as const satisfies Record<DbAdminRole, DbAdminRole>;

export const UnsupportedParameterMode = {
  reject: 'reject',
  drop: 'drop',
} as const satisfies Record<DbUnsupportedParameterMode, DbUnsupportedParameterMode>;

export const BudgetScopeType = {
  TENANT: 'TENANT',
  API_KEY: 'API_KEY',
  PROVIDER: 'PROVIDER',
  MODEL: 'MODEL',
  TAG: 'TAG',
  END_USER: 'END_USER',
} as const satisfies Record<DbBudgetScopeType, DbBudgetScopeType>;

export const BudgetPeriod = { DAILY: 'DAILY', MONTHLY: 'MONTHLY' } as const satisfies Record<
  DbBudgetPeriod,
  DbBudgetPeriod
>;

export const BudgetAction = {
  WARN: 'WARN',
  DOWNGRADE: 'DOWNGRADE',
  BLOCK: 'BLOCK',
} as const satisfies Record<DbBudgetAction, DbBudgetAction>;

registerEnumType(AdminRole, {
  name: 'AdminRole',
  description: 'What an admin principal may do.',
  valuesMap: {
    PLATFORM_ADMIN: { description: 'Everything, on every tenant.' },
    TENANT_ADMIN: { description: 'Everything inside one tenant.' },
    FINANCE: { description: 'Read-only: spend, budgets and configuration of one tenant (or all).' },
  },
});

registerEnumType(UnsupportedParameterMode, {
  name: 'UnsupportedParameterMode',
  description: 'What the gateway does with a request parameter the chosen provider cannot honour.',
  valuesMap: {
    reject: { description: 'Fail with a 400 naming the parameter.' },
    drop: { description: 'Drop it and report that in a response header.' },
  },
});

registerEnumType(BudgetScopeType, {
  name: 'BudgetScopeType',
  description: 'What a budget counts spend for.',
  valuesMap: {
    TENANT: { description: 'All of the tenant’s spend.' },
    API_KEY: { description: 'One gateway key (scopeValue = key id).' },
    PROVIDER: { description: 'One provider type (scopeValue = e.g. openai).' },
    MODEL: { description: 'One catalog model (scopeValue = model id).' },
    TAG: { description: 'Requests carrying a tag (scopeValue = key=value).' },
    END_USER: { description: 'One end user (scopeValue = user id).' },
  },
});

registerEnumType(BudgetPeriod, {
  name: 'BudgetPeriod',
  description: 'Budget period, starting at midnight / the 1st in the tenant’s timezone.',
  valuesMap: {
    DAILY: { description: 'Resets daily.' },
    MONTHLY: { description: 'Resets monthly.' },
  },
});

registerEnumType(BudgetAction, {
  name: 'BudgetAction',
  description: 'What happens when a budget is exhausted.',
  valuesMap: {
    WARN: { description: 'Alert only; keep serving.' },
    DOWNGRADE: { description: 'Serve downgradeModelId instead.' },
    BLOCK: { description: 'Refuse requests until the period ends.' },
  },
});
