import { NotFoundError } from '../../graphql/api-errors.js';
import type { Transaction } from '../../infra/prisma.service.js';

/** New rows may only hang off an existing tenant; a wrong id is a NOT_FOUND naming the tenant. */
export async function requireTenant(
  transaction: Transaction,
  tenantId: string | null,
): Promise<void> {
  if (tenantId === null) return;
  const tenant = await transaction.tenant.findUnique({
    where: { id: tenantId },
    select: { id: true },
  });
  if (!tenant) throw new NotFoundError('Tenant', tenantId);
}
