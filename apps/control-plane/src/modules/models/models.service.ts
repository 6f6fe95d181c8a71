import { Injectable } from '@nestjs/common';
import type { ModelPrice as ModelPriceRow } from '@switchyard/db';
import { ConflictError, NotFoundError } from '../../graphql/api-errors.js';
import { pageQuery, toConnection, type Connection } from '../../graphql/pagination.js';
import { parseInput } from '../../graphql/parse-input.js';
import { PrismaService, type Transaction } from '../../infra/prisma.service.js';
import { AuditedChangeService } from '../audit/audited-change.service.js';
import { assertPlatformAdmin, type Actor } from '../auth/actor.js';
import {
  createModelSchema,
  updateModelSchema,
  type CreateModelInput,
  type UpdateModelInput,
} from './model.inputs.js';
import type { CatalogModel, ModelListArgs } from './model.model.js';
import { toModelPrice } from './to-model-price.js';

const withPrices = { prices: { orderBy: { effectiveFrom: 'asc' as const } } };
const entity = { type: 'model', name: 'Model' } as const;

function toCatalogModel<Row extends { prices: ModelPriceRow[] }>(
  row: Row,
): Omit<Row, 'prices'> & { prices: ReturnType<typeof toModelPrice>[] } {
  return { ...row, prices: row.prices.map(toModelPrice) };
}

/** The model catalog is global: everyone reads it, only platform admins change it. */
@Injectable()
export class ModelsService {
  constructor(
    private readonly prisma: PrismaService,
    private readonly changes: AuditedChangeService,
  ) {}

  async list(args: ModelListArgs): Promise<Connection<CatalogModel>> {
    const filter = args.filter ?? {};
    const search = filter.search?.trim();
    const rows = await this.prisma.db.model.findMany({
      where: {
        AND: [
          filter.includeRetired ? {} : { retiredAt: null },
          filter.providerType ? { providerType: filter.providerType } : {},
          search
            ? {
                OR: [
                  { canonicalId: { contains: search, mode: 'insensitive' } },
                  { family: { contains: search, mode: 'insensitive' } },
                ],
              }
            : {},
        ],
      },
      include: withPrices,
      orderBy: [{ canonicalId: 'asc' }, { id: 'asc' }],
      ...pageQuery(args),
    });
    return toConnection(rows, args, toCatalogModel);
  }

  async get(id: string): Promise<CatalogModel> {
    const model = await this.prisma.db.model.findUnique({ where: { id }, include: withPrices });
    if (!model) throw new NotFoundError(entity.name, id);
    return toCatalogModel(model);
  }

  async create(actor: Actor, input: CreateModelInput): Promise<CatalogModel> {
    assertPlatformAdmin(actor, 'change the model catalog');
    const values = parseInput(createModelSchema, input);
    return this.changes.apply(actor, { affectsSnapshot: true }, async (transaction) => {
      const clash = await transaction.model.findUnique({
        where: { canonicalId: values.canonicalId },
        select: { id: true },
      });
      if (clash)
        throw new ConflictError(
          `Model '${values.canonicalId}' already exists (id ${clash.id}).`,
          'input.canonicalId',
        );
      const model = await transaction.model.create({ data: values, include: withPrices });
      return {
        result: toCatalogModel(model),
        audit: {
          action: 'model.created',
          entityType: entity.type,
          entityId: model.id,
          tenantId: null,
          after: { ...model, prices: undefined },
        },
      };
    });
  }

  async update(actor: Actor, id: string, input: UpdateModelInput): Promise<CatalogModel> {
    assertPlatformAdmin(actor, 'change the model catalog');
    const { clearRetiredAt, clearDeprecatedAt, ...values } = parseInput(updateModelSchema, input);
    return this.changes.apply(actor, { affectsSnapshot: true }, async (transaction) => {
      const before = await this.load(transaction, id);
      const model = await transaction.model.update({
        where: { id },
        data: {
          ...values,
          ...(clearRetiredAt ? { retiredAt: null } : {}),
          ...(clearDeprecatedAt ? { deprecatedAt: null } : {}),
        },
        include: withPrices,
      });
      return {
        result: toCatalogModel(model),
        audit: {
          action: 'model.updated',
          entityType: entity.type,
          entityId: id,
          tenantId: null,
          before: { ...before, prices: undefined },
          after: { ...model, prices: undefined },
        },
      };
    });
  }

  /** Refused while aliases or deployments point at it; retire it instead. */
  async delete(actor: Actor, id: string): Promise<CatalogModel> {
    assertPlatformAdmin(actor, 'change the model catalog');
    return this.changes.apply(actor, { affectsSnapshot: true }, async (transaction) => {
      const before = await this.load(transaction, id);
      const [aliases, deployments] = [
        await transaction.modelAlias.count({ where: { modelId: id } }),
        await transaction.deployment.count({ where: { modelId: id } }),
      ];
      if (aliases + deployments > 0) {
        throw new ConflictError(
          `Model '${before.canonicalId}' is used by ${aliases} alias(es) and ${deployments} deployment(s); set retiredAt instead of deleting it.`,
        );
      }
      await transaction.model.delete({ where: { id } });
      return {
        result: toCatalogModel(before),
        audit: {
          action: 'model.deleted',
          entityType: entity.type,
          entityId: id,
          tenantId: null,
          before: { ...before, prices: undefined },
        },
      };
    });
  }

  private async load(transaction: Transaction, id: string) {
    const model = await transaction.model.findUnique({ where: { id }, include: withPrices });
    if (!model) throw new NotFoundError(entity.name, id);
    return model;
  }
}
