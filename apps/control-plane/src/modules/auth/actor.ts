import type { AdminRole } from '@switchyard/db';
import { BadUserInputError, ForbiddenError, NotFoundError } from '../../graphql/api-errors.js';

/** The authenticated admin behind a request, as every service sees it. */
export interface Actor {
  principalId: string;
  /** Human-readable name kept in audit rows after the principal is gone. */
  label: string;
  role: AdminRole;
  /** The tenant a TENANT_ADMIN / FINANCE principal belongs to; null = platform-wide. */
  tenantId: string | null;
}

/** Platform admins and platform-scoped finance principals see every tenant. */
export function seesAllTenants(actor: Actor): boolean {
  return actor.tenantId === null;
}

/** Prisma `where` fragment for rows that always belong to one tenant. */
export function ownedByReadableTenant(actor: Actor): { tenantId?: string } {
  return seesAllTenants(actor) ? {} : { tenantId: actor.tenantId ?? '' };
}

/** Prisma `where` fragment for rows that are either a tenant's or global (tenantId null). */
export function ownedOrGlobal(actor: Actor): { OR?: Array<{ tenantId: string | null }> } {
  return seesAllTenants(actor) ? {} : { OR: [{ tenantId: actor.tenantId }, { tenantId: null }] };
}

export function canReadTenant(actor: Actor, tenantId: string | null): boolean {
  return seesAllTenants(actor) || tenantId === null || tenantId === actor.tenantId;
}

export function assertPlatformAdmin(actor: Actor, what: string): void {
  if (actor.role !== 'PLATFORM_ADMIN')
    throw new ForbiddenError(`Only platform admins can ${what}.`);
}

/**
 * Whether the actor may change a row owned by `tenantId` (null = global). Another tenant's row is
 * reported exactly like a missing one, so ids cannot be probed across tenants.
 */
export function assertCanWrite(
  actor: Actor,
  tenantId: string | null,
  entity: string,
  id: string,
): void {
  if (actor.role === 'FINANCE')
    throw new ForbiddenError('Finance principals have read-only access.');
  if (actor.role === 'PLATFORM_ADMIN') return;
  if (tenantId === null)
    throw new ForbiddenError(`Only platform admins can change global ${entity} records.`);
  if (tenantId !== actor.tenantId) throw new NotFoundError(entity, id);
}

/**
 * The tenant a new row will belong to. Tenant admins default to (and may only name) their own
 * tenant; platform admins may leave it empty for global rows where `globalAllowed`.
 */
export function tenantForNewRow(
  actor: Actor,
  requested: string | null | undefined,
  options: { globalAllowed: boolean; entity: string },
): string | null {
  if (actor.role === 'FINANCE')
    throw new ForbiddenError('Finance principals have read-only access.');
  if (actor.role === 'TENANT_ADMIN') {
    if (requested && requested !== actor.tenantId) throw new NotFoundError('Tenant', requested);
    return actor.tenantId;
  }
  if (requested) return requested;
  if (options.globalAllowed) return null;
  throw BadUserInputError.field(
    'input.tenantId',
    `is required: a ${options.entity} belongs to one tenant`,
  );
}
