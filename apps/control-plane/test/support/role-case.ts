import type { World } from './world.js';

/**
 * Every GraphQL operation with how each role may use it:
 * - tenant:   admins of the owning tenant and platform admins; other tenants' ids are NOT_FOUND;
 *             finance may run it only if it is a query.
 * - platform: platform admins only (FORBIDDEN for the others).
 * - catalog:  reads open to every role.
 * - admins:   platform and tenant admins (tenant-scoped); finance FORBIDDEN.
 */
export type Access = 'tenant' | 'platform' | 'catalog' | 'admins';

export interface RoleCase {
  operation: string;
  kind: 'query' | 'mutation';
  access: Access;
  document: string;
  /** Variables for an operation on (fresh) entities owned by `tenantId`. */
  prepare: (world: World, tenantId: string) => Promise<Record<string, unknown>>;
}

/** For operations that need no variables. */
export const none = async () => ({});
