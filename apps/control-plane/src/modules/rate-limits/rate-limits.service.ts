import { Injectable } from '@nestjs/common';
import { BadUserInputError, NotFoundError } from '../../graphql/api-errors.js';
import { newestFirst, pageQuery, toConnection, type Connection } from '../../graphql/pagination.js';
import { parseInput } from '../../graphql/parse-input.js';
import { PrismaService, type Transaction } from '../../infra/prisma.service.js';
import { AuditedChangeService } from '../audit/audited-change.service.js';
import {
  assertCanWrite,
  ownedByReadableTenant,
  tenantForNewRow,
  type Actor,
} from '../auth/actor.js';
import { requireTenant } from '../tenants/require-tenant.js';
import {
  createRateLimitSchema,
  updateRateLimitSchema,
  type CreateRateLimitInput,
  type UpdateRateLimitInput,
} from './rate-limit.inputs.js';
import type { RateLimit, RateLimitListArgs } from './rate-limit.model.js';

const entity = { type: 'rate_limit', name: 'RateLimit' } as const;

@Injectable()
export class RateLimitsService {
  constructor(
    private readonly prisma: PrismaService,
    private readonly changes: AuditedChangeService,
  ) {}

  async list(actor: Actor, args: RateLimitListArgs): Promise<Connection<RateLimit>> {
    const filter = args.filter ?? {};
    const rows = await this.prisma.db.rateLimit.findMany({
      where: {
        AND: [
          ownedByReadableTenant(actor),
          filter.tenantId ? { tenantId: filter.tenantId } : {},
          filter.apiKeyId ? { apiKeyId: filter.apiKeyId } : {},
        ],
      },
      orderBy: newestFirst,
      ...pageQuery(args),
    });
    return toConnection(rows, args);
  }

  async get(actor: Actor, id: string): Promise<RateLimit> {
    const limit = await this.prisma.db.rateLimit.findFirst({
      where: { id, ...ownedByReadableTenant(actor) },
    });
    if (!limit) throw new NotFoundError(entity.name, id);
    return limit;
  }

  async create(actor: Actor, input: CreateRateLimitInput): Promise<RateLimit> {
    const { tenantId: requested, ...values } = parseInput(createRateLimitSchema, input);
    const tenantId = tenantForNewRow(actor, requested, {
      globalAllowed: false,
      entity: 'rate limit',
    }) as string;
    return this.changes.apply(actor, { affectsSnapshot: true }, async (transaction) => {
      await requireTenant(transaction, tenantId);
      if (values.apiKeyId) {
        // Another tenant's key id is reported as missing, like any other cross-tenant id.
        const key = await transaction.apiKey.findFirst({
          where: { id: values.apiKeyId, tenantId },
          select: { id: true },
        });
        if (!key) throw new NotFoundError('ApiKey', values.apiKeyId);
      }
      if (values.modelId) {
        const model = await transaction.model.findUnique({
          where: { id: values.modelId },
          select: { id: true },
        });
        if (!model) throw new NotFoundError('Model', values.modelId);
      }
      const limit = await transaction.rateLimit.create({ data: { ...values, tenantId } });
      return {
        result: limit,
        audit: {
          action: 'rate_limit.created',
          entityType: entity.type,
          entityId: limit.id,
          tenantId,
          after: limit,
        },
      };
    });
  }

  async update(actor: Actor, id: string, input: UpdateRateLimitInput): Promise<RateLimit> {
    const { clearRequestsPerMinute, clearTokensPerMinute, ...values } = parseInput(
      updateRateLimitSchema,
      input,
    );
    return this.changes.apply(actor, { affectsSnapshot: true }, async (transaction) => {
      const before = await this.loadForWrite(transaction, actor, id);
      const requestsPerMinute = clearRequestsPerMinute
        ? null
        : (values.requestsPerMinute ?? before.requestsPerMinute);
      const tokensPerMinute = clearTokensPerMinute
        ? null
        : (values.tokensPerMinute ?? before.tokensPerMinute);
      if (requestsPerMinute === null && tokensPerMinute === null) {
        throw BadUserInputError.field(
          'input',
          'a rate limit needs requestsPerMinute or tokensPerMinute; delete it instead',
        );
      }
      const limit = await transaction.rateLimit.update({
        where: { id },
        data: { requestsPerMinute, tokensPerMinute },
      });
      return {
        result: limit,
        audit: {
          action: 'rate_limit.updated',
          entityType: entity.type,
          entityId: id,
          tenantId: limit.tenantId,
          before,
          after: limit,
        },
      };
    });
  }

  async delete(actor: Actor, id: string): Promise<RateLimit> {
    return this.changes.apply(actor, { affectsSnapshot: true }, async (transaction) => {
      const before = await this.loadForWrite(transaction, actor, id);
      await transaction.rateLimit.delete({ where: { id } });
      return {
        result: before,
        audit: {
          action: 'rate_limit.deleted',
          entityType: entity.type,
          entityId: id,
          tenantId: before.tenantId,
          before,
        },
      };
    });
  }

  private async loadForWrite(transaction: Transaction, actor: Actor, id: string) {
    const limit = await transaction.rateLimit.findFirst({
      where: { id, ...ownedByReadableTenant(actor) },
    });
    if (!limit) throw new NotFoundError(entity.name, id);
    assertCanWrite(actor, limit.tenantId, entity.name, id);
    return limit;
  }
}
