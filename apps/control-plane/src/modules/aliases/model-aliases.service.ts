import { Injectable } from '@nestjs/common';
import { BadUserInputError, ConflictError, NotFoundError } from '../../graphql/api-errors.js';
import { newestFirst, pageQuery, toConnection, type Connection } from '../../graphql/pagination.js';
import { parseInput } from '../../graphql/parse-input.js';
import { PrismaService, type Transaction } from '../../infra/prisma.service.js';
import { AuditedChangeService } from '../audit/audited-change.service.js';
import { assertCanWrite, ownedOrGlobal, tenantForNewRow, type Actor } from '../auth/actor.js';
import { requireTenant } from '../tenants/require-tenant.js';
import {
  createModelAliasSchema,
  updateModelAliasSchema,
  type CreateModelAliasInput,
  type UpdateModelAliasInput,
} from './model-alias.inputs.js';
import type { ModelAlias, ModelAliasListArgs } from './model-alias.model.js';

const entity = { type: 'model_alias', name: 'ModelAlias' } as const;

@Injectable()
export class ModelAliasesService {
  constructor(
    private readonly prisma: PrismaService,
    private readonly changes: AuditedChangeService,
  ) {}

  async list(actor: Actor, args: ModelAliasListArgs): Promise<Connection<ModelAlias>> {
    const filter = args.filter ?? {};
    const rows = await this.prisma.db.modelAlias.findMany({
      where: {
        AND: [
          ownedOrGlobal(actor),
          filter.tenantId ? { tenantId: filter.tenantId } : {},
          filter.global === true
            ? { tenantId: null }
            : filter.global === false
              ? { tenantId: { not: null } }
              : {},
          filter.alias ? { alias: filter.alias } : {},
        ],
      },
      orderBy: newestFirst,
      ...pageQuery(args),
    });
    return toConnection(rows, args);
  }

  async get(actor: Actor, id: string): Promise<ModelAlias> {
    const alias = await this.prisma.db.modelAlias.findFirst({
      where: { id, ...ownedOrGlobal(actor) },
    });
    if (!alias) throw new NotFoundError(entity.name, id);
    return alias;
  }

  async create(actor: Actor, input: CreateModelAliasInput): Promise<ModelAlias> {
    const { tenantId: requested, ...values } = parseInput(createModelAliasSchema, input);
    const tenantId = tenantForNewRow(actor, requested, {
      globalAllowed: true,
      entity: 'model alias',
    });
    return this.changes.apply(actor, { affectsSnapshot: true }, async (transaction) => {
      await requireTenant(transaction, tenantId);
      await this.assertModels(transaction, values.modelId, values.fallbackModelIds ?? []);
      const clash = await transaction.modelAlias.findFirst({
        where: { tenantId, alias: values.alias },
        select: { id: true },
      });
      if (clash) {
        throw new ConflictError(
          `Alias '${values.alias}' already exists here (id ${clash.id}); update it instead.`,
          'input.alias',
        );
      }
      const alias = await transaction.modelAlias.create({ data: { ...values, tenantId } });
      return {
        result: alias,
        audit: {
          action: 'model_alias.created',
          entityType: entity.type,
          entityId: alias.id,
          tenantId,
          after: alias,
        },
      };
    });
  }

  async update(actor: Actor, id: string, input: UpdateModelAliasInput): Promise<ModelAlias> {
    const values = parseInput(updateModelAliasSchema, input);
    return this.changes.apply(actor, { affectsSnapshot: true }, async (transaction) => {
      const before = await this.loadForWrite(transaction, actor, id);
      await this.assertModels(
        transaction,
        values.modelId ?? before.modelId,
        values.fallbackModelIds ?? before.fallbackModelIds,
      );
      const alias = await transaction.modelAlias.update({ where: { id }, data: values });
      return {
        result: alias,
        audit: {
          action: 'model_alias.updated',
          entityType: entity.type,
          entityId: id,
          tenantId: alias.tenantId,
          before,
          after: alias,
        },
      };
    });
  }

  async delete(actor: Actor, id: string): Promise<ModelAlias> {
    return this.changes.apply(actor, { affectsSnapshot: true }, async (transaction) => {
      const before = await this.loadForWrite(transaction, actor, id);
      await transaction.modelAlias.delete({ where: { id } });
      return {
        result: before,
        audit: {
          action: 'model_alias.deleted',
          entityType: entity.type,
          entityId: id,
          tenantId: before.tenantId,
          before,
        },
      };
    });
  }

  private async loadForWrite(transaction: Transaction, actor: Actor, id: string) {
    const alias = await transaction.modelAlias.findFirst({
      where: { id, ...ownedOrGlobal(actor) },
    });
    if (!alias) throw new NotFoundError(entity.name, id);
    assertCanWrite(actor, alias.tenantId, entity.name, id);
    return alias;
  }

  /** A pin must name real catalog models; a fallback equal to the pin would hide failures. */
  private async assertModels(
    transaction: Transaction,
    modelId: string,
    fallbackModelIds: string[],
  ): Promise<void> {
    if (new Set(fallbackModelIds).size !== fallbackModelIds.length) {
      throw BadUserInputError.field('input.fallbackModelIds', 'must not repeat a model');
    }
    if (fallbackModelIds.includes(modelId)) {
      throw BadUserInputError.field(
        'input.fallbackModelIds',
        'must not contain the pinned model itself',
      );
    }
    const ids = [modelId, ...fallbackModelIds];
    const found = await transaction.model.findMany({
      where: { id: { in: ids } },
      select: { id: true },
    });
    const known = new Set(found.map((model) => model.id));
    const missing = ids.find((id) => !known.has(id));
    if (missing) throw new NotFoundError('Model', missing);
  }
}
