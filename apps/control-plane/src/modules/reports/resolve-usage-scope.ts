import { NotFoundError } from '../../graphql/api-errors.js';
import { parseInput } from '../../graphql/parse-input.js';
import type { Database } from '../../infra/prisma.service.js';
import { canReadTenant, seesAllTenants, type Actor } from '../auth/actor.js';
import {
  periodSchema,
  usageFilterSchema,
  type ReportPeriodInput,
  type UsageFilterInput,
} from './report.inputs.js';
import type { UsageScope } from './usage-query.js';

/** The tenant a report is about, if it is about exactly one. */
async function readableTenant(
  db: Database,
  actor: Actor,
  tenantId: string,
): Promise<{ id: string; timezone: string }> {
  // Another tenant's id is reported exactly like a missing one, so ids cannot be probed.
  const tenant = canReadTenant(actor, tenantId)
    ? await db.tenant.findUnique({ where: { id: tenantId }, select: { id: true, timezone: true } })
    : null;
  if (!tenant) throw new NotFoundError('Tenant', tenantId);
  return tenant;
}

/**
 * Validates a report's period and filter and pins it to what the actor may read: tenant-scoped
 * principals always get their own tenant; a tenant or key outside it is NOT_FOUND. The time zone
 * is the one asked for, else the tenant's when the report covers one tenant, else UTC.
 */
export async function resolveUsageScope(
  db: Database,
  actor: Actor,
  periodInput: ReportPeriodInput,
  filterInput: UsageFilterInput | null | undefined,
): Promise<UsageScope> {
  const period = parseInput(periodSchema, periodInput, 'period');
  const filter = parseInput(usageFilterSchema, filterInput ?? {}, 'filter');
  let tenant: { id: string; timezone: string } | undefined;
  if (filter.tenantId !== undefined) tenant = await readableTenant(db, actor, filter.tenantId);
  else if (!seesAllTenants(actor)) tenant = await readableTenant(db, actor, actor.tenantId ?? '');
  if (filter.apiKeyId !== undefined) {
    const key = await db.apiKey.findUnique({
      where: { id: filter.apiKeyId },
      select: { tenantId: true },
    });
    if (!key || !canReadTenant(actor, key.tenantId) || (tenant && tenant.id !== key.tenantId))
      throw new NotFoundError('ApiKey', filter.apiKeyId);
    tenant ??= await readableTenant(db, actor, key.tenantId);
  }
  return {
    tenantId: tenant?.id ?? null,
    apiKeyId: filter.apiKeyId,
    model: filter.model,
    provider: filter.provider,
    tag: filter.tag,
    from: period.from,
    to: period.to,
    timeZone: period.timeZone ?? tenant?.timezone ?? 'UTC',
  };
}

/** The scope of a month-to-date figure: one readable tenant, or (platform-wide actors) all. */
export async function resolveForecastTenant(
  db: Database,
  actor: Actor,
  tenantId: string | null | undefined,
): Promise<{ id: string; timezone: string } | null> {
  if (tenantId) return readableTenant(db, actor, tenantId);
  if (!seesAllTenants(actor)) return readableTenant(db, actor, actor.tenantId ?? '');
  return null;
}
