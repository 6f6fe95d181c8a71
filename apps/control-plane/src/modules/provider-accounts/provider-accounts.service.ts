import { Inject, Injectable } from '@nestjs/common';
import { ConflictError, NotFoundError } from '../../graphql/api-errors.js';
import { newestFirst, pageQuery, toConnection, type Connection } from '../../graphql/pagination.js';
import { parseInput } from '../../graphql/parse-input.js';
import type { ControlPlaneConfig } from '../../infra/config.js';
import { PrismaService, type Transaction } from '../../infra/prisma.service.js';
import { CONTROL_PLANE_CONFIG } from '../../infra/tokens.js';
import { AuditedChangeService } from '../audit/audited-change.service.js';
import { assertCanWrite, ownedOrGlobal, tenantForNewRow, type Actor } from '../auth/actor.js';
import { sealForStorage } from '../secrets/seal-for-storage.js';
import { requireTenant } from '../tenants/require-tenant.js';
import {
  createProviderAccountSchema,
  updateProviderAccountSchema,
  type CreateProviderAccountInput,
  type UpdateProviderAccountInput,
} from './provider-account.inputs.js';
import type { ProviderAccount, ProviderAccountListArgs } from './provider-account.model.js';
import { UpstreamUrlGuard } from './upstream-url-guard.js';

/** Upstream keys are always read through this projection: never the ciphertext. */
export const upstreamKeyColumns = {
  id: true,
  providerAccountId: true,
  hint: true,
  keyId: true,
  weight: true,
  enabled: true,
  lastUsedAt: true,
  createdAt: true,
} as const;

const withKeys = {
  upstreamKeys: { select: upstreamKeyColumns, orderBy: { createdAt: 'asc' as const } },
};
const entity = { type: 'provider_account', name: 'ProviderAccount' } as const;

@Injectable()
export class ProviderAccountsService {
  constructor(
    private readonly prisma: PrismaService,
    private readonly changes: AuditedChangeService,
    private readonly urlGuard: UpstreamUrlGuard,
    @Inject(CONTROL_PLANE_CONFIG) private readonly config: ControlPlaneConfig,
  ) {}

  async list(actor: Actor, args: ProviderAccountListArgs): Promise<Connection<ProviderAccount>> {
    const filter = args.filter ?? {};
    const rows = await this.prisma.db.providerAccount.findMany({
      where: {
        AND: [
          ownedOrGlobal(actor),
          filter.tenantId ? { tenantId: filter.tenantId } : {},
          filter.shared === true
            ? { tenantId: null }
            : filter.shared === false
              ? { tenantId: { not: null } }
              : {},
          filter.providerType ? { providerType: filter.providerType } : {},
        ],
      },
      include: withKeys,
      orderBy: newestFirst,
      ...pageQuery(args),
    });
    return toConnection(rows, args);
  }

  async get(actor: Actor, id: string): Promise<ProviderAccount> {
    const account = await this.prisma.db.providerAccount.findFirst({
      where: { id, ...ownedOrGlobal(actor) },
      include: withKeys,
    });
    if (!account) throw new NotFoundError(entity.name, id);
    return account;
  }

  async create(actor: Actor, input: CreateProviderAccountInput): Promise<ProviderAccount> {
    const {
      tenantId: requested,
      upstreamKeys = [],
      ...values
    } = parseInput(createProviderAccountSchema, input);
    const tenantId = tenantForNewRow(actor, requested, {
      globalAllowed: true,
      entity: 'provider account',
    });
    await this.urlGuard.assertAllowed(values.baseUrl, 'input.baseUrl');
    return this.changes.apply(actor, { affectsSnapshot: true }, async (transaction) => {
      await requireTenant(transaction, tenantId);
      await this.assertNameFree(transaction, tenantId, values.name);
      const account = await transaction.providerAccount.create({
        data: {
          ...values,
          tenantId,
          upstreamKeys: {
            create: upstreamKeys.map((key) => {
              const stored = sealForStorage(key.secret, this.config.masterKeys);
              return {
                ciphertext: stored.ciphertext,
                keyId: stored.keyId,
                hint: stored.hint,
                weight: key.weight,
              };
            }),
          },
        },
        include: withKeys,
      });
      return {
        result: account,
        audit: {
          action: 'provider_account.created',
          entityType: entity.type,
          entityId: account.id,
          tenantId,
          after: account,
        },
      };
    });
  }

  async update(
    actor: Actor,
    id: string,
    input: UpdateProviderAccountInput,
  ): Promise<ProviderAccount> {
    const { clearRegion, ...values } = parseInput(updateProviderAccountSchema, input);
    if (values.baseUrl) await this.urlGuard.assertAllowed(values.baseUrl, 'input.baseUrl');
    return this.changes.apply(actor, { affectsSnapshot: true }, async (transaction) => {
      const before = await this.loadForWrite(transaction, actor, id);
      if (values.name && values.name !== before.name)
        await this.assertNameFree(transaction, before.tenantId, values.name);
      const account = await transaction.providerAccount.update({
        where: { id },
        data: { ...values, ...(clearRegion ? { region: null } : {}) },
        include: withKeys,
      });
      return {
        result: account,
        audit: {
          action: 'provider_account.updated',
          entityType: entity.type,
          entityId: id,
          tenantId: account.tenantId,
          before,
          after: account,
        },
      };
    });
  }

  /** Refused while deployments use the account: deleting would silently remove routes. */
  async delete(actor: Actor, id: string): Promise<ProviderAccount> {
    return this.changes.apply(actor, { affectsSnapshot: true }, async (transaction) => {
      const before = await this.loadForWrite(transaction, actor, id);
      const deployments = await transaction.deployment.count({ where: { providerAccountId: id } });
      if (deployments > 0) {
        throw new ConflictError(
          `Provider account '${id}' still has ${deployments} deployment(s); delete them or disable the account instead.`,
        );
      }
      await transaction.providerAccount.delete({ where: { id } });
      return {
        result: before,
        audit: {
          action: 'provider_account.deleted',
          entityType: entity.type,
          entityId: id,
          tenantId: before.tenantId,
          before,
        },
      };
    });
  }

  /** Loads an account the actor may change (NOT_FOUND for other tenants' ids). */
  async loadForWrite(transaction: Transaction, actor: Actor, id: string) {
    const account = await transaction.providerAccount.findFirst({
      where: { id, ...ownedOrGlobal(actor) },
      include: withKeys,
    });
    if (!account) throw new NotFoundError(entity.name, id);
    assertCanWrite(actor, account.tenantId, entity.name, id);
    return account;
  }

  /** The unique indexes would also catch this; checking first gives a message naming the field. */
  private async assertNameFree(
    transaction: Transaction,
    tenantId: string | null,
    name: string,
  ): Promise<void> {
    const clash = await transaction.providerAccount.findFirst({
      where: { tenantId, name },
      select: { id: true },
    });
    if (clash)
      throw new ConflictError(
        `A provider account named '${name}' already exists here; choose another name.`,
        'input.name',
      );
  }
}
