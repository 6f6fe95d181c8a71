import { Injectable } from '@nestjs/common';
import type { Budget as BudgetRow, BudgetSpend as BudgetSpendRow } from '@switchyard/db';
import { ConflictError, NotFoundError } from '../../graphql/api-errors.js';
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
  createBudgetSchema,
  updateBudgetSchema,
  type CreateBudgetInput,
  type UpdateBudgetInput,
} from './budget.inputs.js';
import type { Budget, BudgetListArgs } from './budget.model.js';
import { checkBudgetScope } from './check-budget-scope.js';

const latestSpend = { spends: { orderBy: { periodStart: 'desc' as const }, take: 1 } };
const entity = { type: 'budget', name: 'Budget' } as const;

function toBudget({ spends, ...row }: BudgetRow & { spends: BudgetSpendRow[] }): Budget {
  const spend = spends[0];
  return {
    ...row,
    limitNanoUsd: row.limitNanoUsd.toString(),
    currentSpend: spend
      ? {
          periodStart: spend.periodStart,
          spentNanoUsd: spend.spentNanoUsd.toString(),
          requestCount: spend.requestCount.toString(),
        }
      : null,
  };
}

@Injectable()
export class BudgetsService {
  constructor(
    private readonly prisma: PrismaService,
    private readonly changes: AuditedChangeService,
  ) {}

  async list(actor: Actor, args: BudgetListArgs): Promise<Connection<Budget>> {
    const filter = args.filter ?? {};
    const rows = await this.prisma.db.budget.findMany({
      where: {
        AND: [
          ownedByReadableTenant(actor),
          filter.tenantId ? { tenantId: filter.tenantId } : {},
          filter.scopeType ? { scopeType: filter.scopeType } : {},
          typeof filter.enabled === 'boolean' ? { enabled: filter.enabled } : {},
        ],
      },
      include: latestSpend,
      orderBy: newestFirst,
      ...pageQuery(args),
    });
    return toConnection(rows, args, toBudget);
  }

  async get(actor: Actor, id: string): Promise<Budget> {
    const budget = await this.prisma.db.budget.findFirst({
      where: { id, ...ownedByReadableTenant(actor) },
      include: latestSpend,
    });
    if (!budget) throw new NotFoundError(entity.name, id);
    return toBudget(budget);
  }

  async create(actor: Actor, input: CreateBudgetInput): Promise<Budget> {
    const { tenantId: requested, ...values } = parseInput(createBudgetSchema, input);
    const tenantId = tenantForNewRow(actor, requested, {
      globalAllowed: false,
      entity: 'budget',
    }) as string;
    return this.changes.apply(actor, { affectsSnapshot: true }, async (transaction) => {
      await requireTenant(transaction, tenantId);
      await checkBudgetScope(transaction, {
        tenantId,
        scopeType: values.scopeType,
        scopeValue: values.scopeValue ?? null,
        action: values.action,
        downgradeModelId: values.downgradeModelId ?? null,
      });
      await this.assertNameFree(transaction, tenantId, values.name);
      const budget = await transaction.budget.create({
        data: { ...values, tenantId },
        include: latestSpend,
      });
      return {
        result: toBudget(budget),
        audit: {
          action: 'budget.created',
          entityType: entity.type,
          entityId: budget.id,
          tenantId,
          after: { ...budget, spends: undefined },
        },
      };
    });
  }

  async update(actor: Actor, id: string, input: UpdateBudgetInput): Promise<Budget> {
    const { clearDowngradeModelId, ...values } = parseInput(updateBudgetSchema, input);
    return this.changes.apply(actor, { affectsSnapshot: true }, async (transaction) => {
      const before = await this.loadForWrite(transaction, actor, id);
      if (values.name && values.name !== before.name)
        await this.assertNameFree(transaction, before.tenantId, values.name);
      const downgradeModelId = clearDowngradeModelId
        ? null
        : (values.downgradeModelId ?? before.downgradeModelId);
      await checkBudgetScope(transaction, {
        tenantId: before.tenantId,
        scopeType: values.scopeType ?? before.scopeType,
        scopeValue: values.scopeType === 'TENANT' ? null : (values.scopeValue ?? before.scopeValue),
        action: values.action ?? before.action,
        downgradeModelId,
      });
      const budget = await transaction.budget.update({
        where: { id },
        data: {
          ...values,
          downgradeModelId,
          ...(values.scopeType === 'TENANT' ? { scopeValue: null } : {}),
        },
        include: latestSpend,
      });
      return {
        result: toBudget(budget),
        audit: {
          action: 'budget.updated',
          entityType: entity.type,
          entityId: id,
          tenantId: budget.tenantId,
          before: { ...before, spends: undefined },
          after: { ...budget, spends: undefined },
        },
      };
    });
  }

  async delete(actor: Actor, id: string): Promise<Budget> {
    return this.changes.apply(actor, { affectsSnapshot: true }, async (transaction) => {
      const before = await this.loadForWrite(transaction, actor, id);
      await transaction.budget.delete({ where: { id } });
      return {
        result: toBudget(before),
        audit: {
          action: 'budget.deleted',
          entityType: entity.type,
          entityId: id,
          tenantId: before.tenantId,
          before: { ...before, spends: undefined },
        },
      };
    });
  }

  private async loadForWrite(transaction: Transaction, actor: Actor, id: string) {
    const budget = await transaction.budget.findFirst({
      where: { id, ...ownedByReadableTenant(actor) },
      include: latestSpend,
    });
    if (!budget) throw new NotFoundError(entity.name, id);
    assertCanWrite(actor, budget.tenantId, entity.name, id);
    return budget;
  }

  private async assertNameFree(
    transaction: Transaction,
    tenantId: string,
    name: string,
  ): Promise<void> {
    const clash = await transaction.budget.findFirst({
      where: { tenantId, name },
      select: { id: true },
    });
    if (clash)
      throw new ConflictError(
        `A budget named '${name}' already exists; choose another name.`,
        'input.name',
      );
  }
}
