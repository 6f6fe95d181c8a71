import { Injectable } from '@nestjs/common';
import { NotFoundError } from '../../graphql/api-errors.js';
import { pageQuery, toConnection, type Connection } from '../../graphql/pagination.js';
import { PrismaService } from '../../infra/prisma.service.js';
import type { JsonValue } from '../audit/redact-audit-values.js';
import { canReadTenant, ownedByReadableTenant, type Actor } from '../auth/actor.js';
import type { Alert, AlertListArgs } from './alert.model.js';

/** Delivery errors can quote a webhook URL, whose path or query may be a secret. */
export function withoutUrls(text: string | null): string | null {
  return text?.replace(/\b[a-z][a-z0-9+.-]*:\/\/[^\s"'<>]+/gi, '<url>') ?? null;
}

@Injectable()
export class AlertsService {
  constructor(private readonly prisma: PrismaService) {}

  /** Newest first; tenant-scoped principals see their tenant, another tenant's id is NOT_FOUND. */
  async list(actor: Actor, args: AlertListArgs): Promise<Connection<Alert>> {
    const filter = args.filter ?? {};
    if (filter.tenantId && !canReadTenant(actor, filter.tenantId))
      throw new NotFoundError('Tenant', filter.tenantId);
    const rows = await this.prisma.db.alert.findMany({
      where: {
        AND: [
          ownedByReadableTenant(actor),
          filter.tenantId ? { tenantId: filter.tenantId } : {},
          filter.kind ? { kind: filter.kind } : {},
          filter.status ? { status: filter.status } : {},
          filter.from || filter.to
            ? {
                firedAt: {
                  ...(filter.from ? { gte: filter.from } : {}),
                  ...(filter.to ? { lt: filter.to } : {}),
                },
              }
            : {},
        ],
      },
      orderBy: [{ firedAt: 'desc' }, { id: 'desc' }],
      ...pageQuery(args),
    });
    return toConnection(rows, args, (row) => ({
      id: row.id,
      tenantId: row.tenantId,
      channelId: row.channelId,
      kind: row.kind,
      status: row.status,
      attempts: row.attempts,
      lastError: withoutUrls(row.lastError),
      firedAt: row.firedAt,
      deliveredAt: row.deliveredAt,
      payload: row.payload as JsonValue,
    }));
  }
}
