import { Injectable } from '@nestjs/common';
import { ConflictError, NotFoundError } from '../../graphql/api-errors.js';
import { parseInput } from '../../graphql/parse-input.js';
import type { Transaction } from '../../infra/prisma.service.js';
import { AuditedChangeService } from '../audit/audited-change.service.js';
import { assertPlatformAdmin, type Actor } from '../auth/actor.js';
import {
  createModelPriceSchema,
  updateModelPriceSchema,
  type CreateModelPriceInput,
  type UpdateModelPriceInput,
} from './model.inputs.js';
import type { ModelPrice } from './model.model.js';
import { toModelPrice } from './to-model-price.js';

const entity = { type: 'model_price', name: 'ModelPrice' } as const;
const farFuture = new Date('9999-12-31T00:00:00Z');

/** Effective-dated prices; two prices of one model may never be valid at the same instant. */
@Injectable()
export class ModelPricesService {
  constructor(private readonly changes: AuditedChangeService) {}

  async create(actor: Actor, input: CreateModelPriceInput): Promise<ModelPrice> {
    assertPlatformAdmin(actor, 'change model prices');
    const values = parseInput(createModelPriceSchema, input);
    return this.changes.apply(actor, { affectsSnapshot: true }, async (transaction) => {
      const model = await transaction.model.findUnique({
        where: { id: values.modelId },
        select: { id: true },
      });
      if (!model) throw new NotFoundError('Model', values.modelId);
      await this.assertNoOverlap(
        transaction,
        values.modelId,
        values.effectiveFrom,
        values.effectiveTo ?? null,
        null,
      );
      const price = await transaction.modelPrice.create({ data: values });
      return {
        result: toModelPrice(price),
        audit: {
          action: 'model_price.created',
          entityType: entity.type,
          entityId: price.id,
          tenantId: null,
          after: price,
        },
      };
    });
  }

  async update(actor: Actor, id: string, input: UpdateModelPriceInput): Promise<ModelPrice> {
    assertPlatformAdmin(actor, 'change model prices');
    const { clearEffectiveTo, ...values } = parseInput(updateModelPriceSchema, input);
    return this.changes.apply(actor, { affectsSnapshot: true }, async (transaction) => {
      const before = await this.load(transaction, id);
      const effectiveTo = clearEffectiveTo ? null : (values.effectiveTo ?? before.effectiveTo);
      if (effectiveTo && effectiveTo <= before.effectiveFrom) {
        throw new ConflictError(
          'effectiveTo must be after the price’s effectiveFrom.',
          'input.effectiveTo',
        );
      }
      await this.assertNoOverlap(
        transaction,
        before.modelId,
        before.effectiveFrom,
        effectiveTo,
        id,
      );
      const price = await transaction.modelPrice.update({
        where: { id },
        data: { ...values, effectiveTo },
      });
      return {
        result: toModelPrice(price),
        audit: {
          action: 'model_price.updated',
          entityType: entity.type,
          entityId: id,
          tenantId: null,
          before,
          after: price,
        },
      };
    });
  }

  async delete(actor: Actor, id: string): Promise<ModelPrice> {
    assertPlatformAdmin(actor, 'change model prices');
    return this.changes.apply(actor, { affectsSnapshot: true }, async (transaction) => {
      const before = await this.load(transaction, id);
      await transaction.modelPrice.delete({ where: { id } });
      return {
        result: toModelPrice(before),
        audit: {
          action: 'model_price.deleted',
          entityType: entity.type,
          entityId: id,
          tenantId: null,
          before,
        },
      };
    });
  }

  private async load(transaction: Transaction, id: string) {
    const price = await transaction.modelPrice.findUnique({ where: { id } });
    if (!price) throw new NotFoundError(entity.name, id);
    return price;
  }

  /** Overlapping validity would make the cost of a request ambiguous. */
  private async assertNoOverlap(
    transaction: Transaction,
    modelId: string,
    from: Date,
    to: Date | null,
    exceptId: string | null,
  ): Promise<void> {
    const clash = await transaction.modelPrice.findFirst({
      where: {
        modelId,
        ...(exceptId ? { id: { not: exceptId } } : {}),
        effectiveFrom: { lt: to ?? farFuture },
        OR: [{ effectiveTo: null }, { effectiveTo: { gt: from } }],
      },
      select: { id: true, effectiveFrom: true },
    });
    if (clash) {
      throw new ConflictError(
        `Price '${clash.id}' (from ${clash.effectiveFrom.toISOString()}) is valid in the same period; set its effectiveTo first.`,
        'input.effectiveFrom',
      );
    }
  }
}
