import { Injectable } from '@nestjs/common';
import { ConflictError, NotFoundError } from '../../graphql/api-errors.js';
import { newestFirst, pageQuery, toConnection, type Connection } from '../../graphql/pagination.js';
import { parseInput } from '../../graphql/parse-input.js';
import { PrismaService } from '../../infra/prisma.service.js';
import { AuditedChangeService } from '../audit/audited-change.service.js';
import type { Actor } from '../auth/actor.js';
import { generateAdminToken } from '../auth/admin-token.js';
import { requireTenant } from '../tenants/require-tenant.js';
import {
  createAdminPrincipalSchema,
  createAdminTokenSchema,
  type CreateAdminPrincipalInput,
  type CreateAdminTokenInput,
} from './admin-principal.inputs.js';
import type {
  AdminPrincipal,
  AdminPrincipalListArgs,
  AdminToken,
  CreatedAdminToken,
} from './admin-principal.model.js';

/** Token reads never include the hash. */
const tokenColumns = {
  id: true,
  principalId: true,
  prefix: true,
  lastUsedAt: true,
  expiresAt: true,
  revokedAt: true,
  createdAt: true,
} as const;
const withTokens = { tokens: { select: tokenColumns, orderBy: { createdAt: 'asc' as const } } };

/** Admin principals and their tokens; the resolver admits platform admins only (except `me`). */
@Injectable()
export class AdminPrincipalsService {
  constructor(
    private readonly prisma: PrismaService,
    private readonly changes: AuditedChangeService,
  ) {}

  async me(actor: Actor): Promise<AdminPrincipal> {
    return this.prisma.db.adminPrincipal.findUniqueOrThrow({
      where: { id: actor.principalId },
      include: withTokens,
    });
  }

  async list(args: AdminPrincipalListArgs): Promise<Connection<AdminPrincipal>> {
    const filter = args.filter ?? {};
    const rows = await this.prisma.db.adminPrincipal.findMany({
      where: {
        ...(filter.tenantId ? { tenantId: filter.tenantId } : {}),
        ...(filter.role ? { role: filter.role } : {}),
      },
      include: withTokens,
      orderBy: newestFirst,
      ...pageQuery(args),
    });
    return toConnection(rows, args);
  }

  async createPrincipal(actor: Actor, input: CreateAdminPrincipalInput): Promise<AdminPrincipal> {
    const values = parseInput(createAdminPrincipalSchema, input);
    return this.changes.apply(actor, { affectsSnapshot: false }, async (transaction) => {
      await requireTenant(transaction, values.tenantId ?? null);
      const principal = await transaction.adminPrincipal.create({
        data: values,
        include: withTokens,
      });
      return {
        result: principal,
        audit: {
          action: 'admin_principal.created',
          entityType: 'admin_principal',
          entityId: principal.id,
          tenantId: principal.tenantId,
          after: { ...principal, tokens: undefined },
        },
      };
    });
  }

  async createToken(actor: Actor, input: CreateAdminTokenInput): Promise<CreatedAdminToken> {
    const values = parseInput(createAdminTokenSchema, input);
    const generated = generateAdminToken();
    return this.changes.apply(actor, { affectsSnapshot: false }, async (transaction) => {
      const principal = await transaction.adminPrincipal.findUnique({
        where: { id: values.principalId },
      });
      if (!principal) throw new NotFoundError('AdminPrincipal', values.principalId);
      const token = await transaction.adminToken.create({
        data: {
          principalId: principal.id,
          tokenHash: generated.hash,
          prefix: generated.prefix,
          expiresAt: values.expiresAt,
        },
        select: tokenColumns,
      });
      return {
        result: { token, secret: generated.token },
        audit: {
          action: 'admin_token.created',
          entityType: 'admin_token',
          entityId: token.id,
          tenantId: principal.tenantId,
          after: token,
        },
      };
    });
  }

  /** Refuses to revoke the last working platform-admin token: nobody could sign in to fix it. */
  async revokeToken(actor: Actor, id: string): Promise<AdminToken> {
    return this.changes.apply(actor, { affectsSnapshot: false }, async (transaction) => {
      const before = await transaction.adminToken.findUnique({
        where: { id },
        select: { ...tokenColumns, principal: true },
      });
      if (!before) throw new NotFoundError('AdminToken', id);
      if (before.revokedAt) throw new ConflictError(`Admin token '${id}' is already revoked.`);
      const now = new Date();
      const others = await transaction.adminToken.count({
        where: {
          id: { not: id },
          revokedAt: null,
          OR: [{ expiresAt: null }, { expiresAt: { gt: now } }],
          principal: { role: 'PLATFORM_ADMIN' },
        },
      });
      if (before.principal.role === 'PLATFORM_ADMIN' && others === 0) {
        throw new ConflictError(
          'This is the last working platform-admin token; create another one before revoking it.',
        );
      }
      const token = await transaction.adminToken.update({
        where: { id },
        data: { revokedAt: now },
        select: tokenColumns,
      });
      const { principal, ...previous } = before;
      return {
        result: token,
        audit: {
          action: 'admin_token.revoked',
          entityType: 'admin_token',
          entityId: id,
          tenantId: principal.tenantId,
          before: previous,
          after: token,
        },
      };
    });
  }
}
