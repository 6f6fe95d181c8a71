import { Injectable } from '@nestjs/common';
import { recostRequest } from '@switchyard/pricing';
import { BadUserInputError } from '../../graphql/api-errors.js';
import { parseInput } from '../../graphql/parse-input.js';
import { PrismaService, type Transaction } from '../../infra/prisma.service.js';
import { writeAuditEntries } from '../audit/audit-writer.js';
import { assertPlatformAdmin, type Actor } from '../auth/actor.js';
import { adjustBudgetSpend, loadBudgetsForRecost } from './adjust-budget-spend.js';
import {
  loadRequestLogPage,
  updateRequestLogCosts,
  type PageCursor,
  type RecostFilter,
} from './load-request-logs.js';
import { ModelPriceBook } from './load-model-prices.js';
import { rebuildUsageRollups } from './rebuild-usage-rollups.js';
import { RecostTally, type BudgetForRecost, type ChangedRow } from './recost-tally.js';
import {
  recostUsageSchema,
  type RecostUsageInput,
  type RecostUsageValues,
} from './recost-usage.inputs.js';
import type { RecostUsageResult } from './recost-usage.model.js';

/** Request logs read (and updated) per round trip. */
const pageSize = 5_000;
/** Serializes re-costings: two overlapping ones would each adjust budgets by the same change. */
const recostLockKey = 731_944_002;
/**
 * A year of a busy platform is a long transaction; Prisma's default 5 s would abort it. Worker
 * batches touching the same rollup rows wait for it, and retry if they time out.
 */
const transactionOptions = { maxWait: 10_000, timeout: 15 * 60_000 };

/**
 * Re-costs history after a price correction: every request log of a period is priced again with
 * the catalog prices effective when it was received, and the rollups and budget spend it counts
 * in follow, all in one transaction — so "rollups sum to the request logs" still holds after it.
 */
@Injectable()
export class RecostingService {
  constructor(private readonly prisma: PrismaService) {}

  async recost(actor: Actor, input: RecostUsageInput): Promise<RecostUsageResult> {
    assertPlatformAdmin(actor, 're-cost usage');
    const values = parseInput(recostUsageSchema, input);
    await this.assertTargetsExist(values);
    const filter: RecostFilter = {
      from: values.from,
      to: values.to,
      modelId: values.modelId,
      tenantId: values.tenantId,
    };
    if (values.dryRun) {
      // Reads only: no transaction, so a long preview holds no snapshot open against vacuum.
      return (await this.examine(this.prisma.db, filter, false)).summary(true);
    }
    // Not AuditedChangeService.apply: its transaction has Prisma's 5 s default timeout, and
    // nothing here reaches the policy snapshot. The audit row still commits with the change.
    return this.prisma.db.$transaction(async (transaction: Transaction) => {
      await transaction.$executeRaw`SELECT pg_advisory_xact_lock(${recostLockKey})`;
      const result = (await this.examine(transaction, filter, true)).summary(false);
      await writeAuditEntries(transaction, actor, [
        {
          action: 'usage.recosted',
          entityType: 'usage_period',
          // ISO 8601 interval notation: the period is the entity this mutation changed.
          entityId: `${values.from.toISOString()}/${values.to.toISOString()}`,
          tenantId: values.tenantId ?? null,
          after: { modelId: values.modelId ?? null, ...result },
        },
      ]);
      return result;
    }, transactionOptions);
  }

  /** Unknown ids would silently re-cost nothing; say which one is wrong instead. */
  private async assertTargetsExist(values: RecostUsageValues): Promise<void> {
    const { modelId, tenantId } = values;
    if (modelId) {
      const model = await this.prisma.db.model.findUnique({
        where: { id: modelId },
        select: { id: true },
      });
      if (!model) throw BadUserInputError.field('input.modelId', `no catalog model '${modelId}'`);
    }
    if (tenantId) {
      const tenant = await this.prisma.db.tenant.findUnique({
        where: { id: tenantId },
        select: { id: true },
      });
      if (!tenant) throw BadUserInputError.field('input.tenantId', `no tenant '${tenantId}'`);
    }
  }

  /**
   * Prices every log of the period page by page; with `write`, saves each page's changed costs
   * and finally rebuilds the rollups and adjusts the budget spend those changes touch.
   */
  private async examine(
    transaction: Transaction,
    filter: RecostFilter,
    write: boolean,
  ): Promise<RecostTally> {
    const tally = new RecostTally();
    const prices = new ModelPriceBook(transaction);
    const budgets = new Map<string, BudgetForRecost>();
    let cursor: PageCursor | null = null;
    for (;;) {
      const page = await loadRequestLogPage(transaction, filter, cursor, pageSize);
      if (page.length === 0) break;
      await prices.load(page.flatMap((row) => (row.modelId ? [row.modelId] : [])));
      const changes: ChangedRow[] = [];
      for (const row of page) {
        const outcome = row.modelId
          ? recostRequest(row, prices.of(row.modelId), row.createdAt)
          : 'no_model';
        const costNanoUsd = tally.count(row, outcome);
        if (costNanoUsd !== undefined) changes.push({ row, costNanoUsd });
      }
      await loadBudgetsForRecost(
        transaction,
        changes.flatMap((change) => change.row.budgetIds),
        budgets,
      );
      tally.addChanges(changes, budgets);
      if (write) {
        await updateRequestLogCosts(
          transaction,
          changes.map((change) => ({ id: change.row.id, costNanoUsd: change.costNanoUsd })),
        );
      }
      const last = page[page.length - 1]!;
      cursor = { createdAt: last.createdAt, id: last.id };
      if (page.length < pageSize) break;
    }
    if (write) {
      // After every log is updated, so the rebuilt sums read the new costs.
      await rebuildUsageRollups(transaction, 'hour', tally.rollupsToRebuild('hour'));
      await rebuildUsageRollups(transaction, 'day', tally.rollupsToRebuild('day'));
      await adjustBudgetSpend(transaction, tally.budgetChanges());
    }
    return tally;
  }
}
