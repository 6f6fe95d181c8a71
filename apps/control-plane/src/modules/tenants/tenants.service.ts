import { Injectable } from '@nestjs/common';
import { ForbiddenError, NotFoundError } from '../../graphql/api-errors.js';
import { pageQuery, toConnection, type Connection } from '../../graphql/pagination.js';
import { parseInput } from '../../graphql/parse-input.js';
import { PrismaService } from '../../infra/prisma.service.js';
import { assertCanWrite, assertPlatformAdmin, seesAllTenants, type Actor } from '../auth/actor.js';
import { AuditedChangeService } from '../audit/audited-change.service.js';
import {
  createTenantSchema,
  updateTenantSchema,
  type CreateTenantInput,
  type UpdateTenantInput,
} from './tenant.inputs.js';
import type { Tenant, TenantListArgs } from './tenant.model.js';

@Injectable()
export class TenantsService {
  constructor(
    private readonly prisma: PrismaService,
    private readonly changes: AuditedChangeService,
  ) {}

  /** Tenant-scoped principals see exactly one tenant: theirs. */
  private visible(actor: Actor): { id?: { equals: string } } {
    return seesAllTenants(actor) ? {} : { id: { equals: actor.tenantId ?? '' } };
  }

  async list(actor: Actor, args: TenantListArgs): Promise<Connection<Tenant>> {
    const search = args.filter?.search?.trim();
    const rows = await this.prisma.db.tenant.findMany({
      where: {
        AND: [
          this.visible(actor),
          args.filter?.includeDisabled ? {} : { disabledAt: null },
          search
            ? {
                OR: [
                  { name: { contains: search, mode: 'insensitive' } },
                  { slug: { contains: search, mode: 'insensitive' } },
                ],
              }
            : {},
        ],
      },
      orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
      ...pageQuery(args),
    });
    return toConnection(rows, args);
  }

  async get(actor: Actor, id: string): Promise<Tenant> {
    const tenant = await this.prisma.db.tenant.findFirst({
      where: { AND: [{ id }, this.visible(actor)] },
    });
    if (!tenant) throw new NotFoundError('Tenant', id);
    return tenant;
  }

  async create(actor: Actor, input: CreateTenantInput): Promise<Tenant> {
    assertPlatformAdmin(actor, 'create tenants');
    const values = parseInput(createTenantSchema, input);
    return this.changes.apply(actor, { affectsSnapshot: true }, async (transaction) => {
      const tenant = await transaction.tenant.create({ data: values });
      return {
        result: tenant,
        audit: {
          action: 'tenant.created',
          entityType: 'tenant',
          entityId: tenant.id,
          tenantId: tenant.id,
          after: tenant,
        },
      };
    });
  }

  async update(actor: Actor, id: string, input: UpdateTenantInput): Promise<Tenant> {
    assertCanWrite(actor, id, 'Tenant', id);
    const { disabled, clearPayloadRetentionDays, ...values } = parseInput(
      updateTenantSchema,
      input,
    );
    if (disabled !== undefined && actor.role !== 'PLATFORM_ADMIN') {
      throw new ForbiddenError('Only platform admins can disable or re-enable a tenant.');
    }
    return this.changes.apply(actor, { affectsSnapshot: true }, async (transaction) => {
      const before = await transaction.tenant.findUnique({ where: { id } });
      if (!before) throw new NotFoundError('Tenant', id);
      const tenant = await transaction.tenant.update({
        where: { id },
        data: {
          ...values,
          ...(clearPayloadRetentionDays ? { payloadRetentionDays: null } : {}),
          ...(disabled === undefined
            ? {}
            : { disabledAt: disabled ? (before.disabledAt ?? new Date()) : null }),
        },
      });
      const action =
        disabled === undefined ? 'tenant.updated' : disabled ? 'tenant.disabled' : 'tenant.enabled';
      return {
        result: tenant,
        audit: { action, entityType: 'tenant', entityId: id, tenantId: id, before, after: tenant },
      };
    });
  }
}
