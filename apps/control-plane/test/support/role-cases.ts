import type { RoleCase } from './role-case.js';
import { reportRoleCases } from './role-cases-reports.js';
import { routingAndAdminRoleCases } from './role-cases-routing-and-admin.js';
import { tenantSetupRoleCases } from './role-cases-tenant-setup.js';

export type { RoleCase } from './role-case.js';

/** Every GraphQL operation with its access rule (see role-case.ts). */
export const roleCases: RoleCase[] = [
  ...tenantSetupRoleCases,
  ...routingAndAdminRoleCases,
  ...reportRoleCases,
];
