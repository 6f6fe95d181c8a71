import { Injectable } from '@nestjs/common';
import { newestFirst, pageQuery, toConnection, type Connection } from '../../graphql/pagination.js';
import { PrismaService } from '../../infra/prisma.service.js';
import { ownedByReadableTenant, type Actor } from '../auth/actor.js';
import type { AuditLogArgs, AuditLogEntry } from './audit-log.model.js';
import type { JsonValue } from './redact-audit-values.js';

@Injectable()
export class AuditLogService {
  constructor(private readonly prisma: PrismaService) {}

  /** Tenant admins only ever see their own tenant's rows, whatever filter they pass. */
  async list(actor: Actor, args: AuditLogArgs): Promise<Connection<AuditLogEntry>> {
    const filter = args.filter ?? {};
    const rows = await this.prisma.db.auditLog.findMany({
      where: {
        AND: [
          ownedByReadableTenant(actor),
          filter.tenantId ? { tenantId: filter.tenantId } : {},
          filter.entityType ? { entityType: filter.entityType } : {},
          filter.entityId ? { entityId: filter.entityId } : {},
          filter.action ? { action: filter.action } : {},
          filter.actorPrincipalId ? { actorPrincipalId: filter.actorPrincipalId } : {},
          filter.from || filter.to
            ? {
                createdAt: {
                  ...(filter.from ? { gte: filter.from } : {}),
                  ...(filter.to ? { lt: filter.to } : {}),
                },
              }
            : {},
        ],
      },
      orderBy: newestFirst,
      ...pageQuery(args),
    });
    return toConnection(rows, args, (row) => ({
      ...row,
      before: row.before as JsonValue | null,
      after: row.after as JsonValue | null,
    }));
  }
}
