import type { Database, Prisma } from '@switchyard/db';
import { aggregateUsageRollups, type UsageEvent } from '@switchyard/usage';
import type { Logger } from 'pino';
import type { CommittedBatch } from '../alerts/evaluate-batch-alerts.js';
import { aggregateBudgetSpend, type BudgetForSpend } from '../budgets/aggregate-budget-spend.js';
import { upsertBudgetSpend } from '../budgets/upsert-budget-spend.js';
import { insertRequestLogs } from '../usage/insert-request-logs.js';
import { parseUsageBatch } from '../usage/parse-usage-batch.js';
import { toRequestLogRow, type BodyRetention } from '../usage/to-request-log-row.js';
import { upsertUsageRollups } from '../usage/upsert-usage-rollups.js';

export interface UsageBatchResult {
  batchId: string;
  received: number;
  /** Requests logged and counted by this run. */
  inserted: number;
  /** Requests already logged (a redelivered or overlapping batch), or repeated in the batch. */
  duplicates: number;
  /** Events that failed the schema: logged and skipped, never retried. */
  invalid: number;
}

export interface UsageBatchHandlerDeps {
  db: Database;
  logger: Logger;
  /** Body retention for tenants with payload logging but no period of their own. */
  payloadRetentionDefaultDays: number;
  /**
   * Runs after the batch's transaction commits (alert evaluation). If it throws, the job fails
   * and is retried; the retry counts nothing twice and calls this again.
   */
  onCommitted?: (batch: CommittedBatch) => Promise<void>;
}

interface TenantSettings {
  timezone: string;
  payloadLogging: boolean;
  payloadRetentionDays: number | null;
}

/**
 * Turns one usage batch into request logs, hourly/daily rollups and budget spend, in ONE
 * transaction. Request logs are inserted with ON CONFLICT (id) DO NOTHING and only the rows
 * actually inserted feed the rollups and spend, so a redelivered batch, an overlapping batch
 * or a batch retried after a crash mid-transaction never counts a request twice.
 */
export async function handleUsageBatch(
  data: unknown,
  deps: UsageBatchHandlerDeps,
): Promise<UsageBatchResult> {
  const batch = parseUsageBatch(data);
  for (const invalid of batch.invalid) {
    deps.logger.error(
      {
        batchId: batch.batchId,
        index: invalid.index,
        requestId: invalid.requestId,
        issues: invalid.issues,
      },
      'invalid usage event skipped',
    );
  }
  const received = batch.events.length + batch.invalid.length + batch.repeatedInBatch;
  if (batch.events.length === 0) {
    return {
      batchId: batch.batchId,
      received,
      inserted: 0,
      duplicates: batch.repeatedInBatch,
      invalid: batch.invalid.length,
    };
  }

  const tenants = await loadTenants(deps.db, batch.events);
  const budgets = await loadBudgets(deps.db, batch.events, tenants);
  // Sorted ids: concurrent overlapping batches take row locks in the same order.
  const events = [...batch.events].sort((a, b) =>
    a.requestId < b.requestId ? -1 : a.requestId > b.requestId ? 1 : 0,
  );
  const rows = events.map((event) => toRequestLogRow(event, bodyRetention(event, tenants, deps)));

  const inserted = await deps.db.$transaction(
    async (transaction) => {
      const logged = await insertRequestLogs(transaction, rows);
      await upsertUsageRollups(transaction, 'hour', aggregateUsageRollups(logged, 'hour'));
      await upsertUsageRollups(transaction, 'day', aggregateUsageRollups(logged, 'day'));
      await addBudgetSpend(transaction, logged, events, budgets, deps.logger);
      return logged.length;
    },
    // Large batches take a while; the default 5 s would abort them.
    { maxWait: 10_000, timeout: 120_000 },
  );
  await deps.onCommitted?.({ events, budgets });
  return {
    batchId: batch.batchId,
    received,
    inserted,
    duplicates: batch.events.length - inserted + batch.repeatedInBatch,
    invalid: batch.invalid.length,
  };
}

async function loadTenants(
  db: Database,
  events: readonly UsageEvent[],
): Promise<Map<string, TenantSettings>> {
  const tenantIds = [
    ...new Set(
      events
        .filter((event) => event.payload != null || event.budgetIds.length > 0)
        .map((event) => event.tenantId),
    ),
  ];
  if (tenantIds.length === 0) return new Map();
  const tenants = await db.tenant.findMany({
    where: { id: { in: tenantIds } },
    select: { id: true, timezone: true, payloadLogging: true, payloadRetentionDays: true },
  });
  return new Map(tenants.map((tenant) => [tenant.id, tenant]));
}

async function loadBudgets(
  db: Database,
  events: readonly UsageEvent[],
  tenants: ReadonlyMap<string, TenantSettings>,
): Promise<Map<string, BudgetForSpend>> {
  const budgetIds = [...new Set(events.flatMap((event) => event.budgetIds))];
  if (budgetIds.length === 0) return new Map();
  const budgets = await db.budget.findMany({
    where: { id: { in: budgetIds } },
    select: { id: true, tenantId: true, period: true },
  });
  return new Map(
    budgets.map((budget) => [
      budget.id,
      { ...budget, timeZone: tenants.get(budget.tenantId)?.timezone ?? 'UTC' },
    ]),
  );
}

/** Bodies are kept only while the tenant (still) has payload logging on, for its retention. */
function bodyRetention(
  event: UsageEvent,
  tenants: ReadonlyMap<string, TenantSettings>,
  deps: UsageBatchHandlerDeps,
): BodyRetention | undefined {
  if (event.payload == null) return undefined;
  const tenant = tenants.get(event.tenantId);
  if (!tenant?.payloadLogging) return undefined;
  return { retentionDays: tenant.payloadRetentionDays ?? deps.payloadRetentionDefaultDays };
}

async function addBudgetSpend(
  transaction: Prisma.TransactionClient,
  logged: ReadonlyArray<{ id: string }>,
  events: readonly UsageEvent[],
  budgets: ReadonlyMap<string, BudgetForSpend>,
  logger: Logger,
): Promise<void> {
  if (!events.some((event) => event.budgetIds.length > 0)) return;
  const insertedIds = new Set(logged.map((row) => row.id));
  const entries = events
    .filter((event) => insertedIds.has(event.requestId) && event.budgetIds.length > 0)
    .map((event) => ({
      tenantId: event.tenantId,
      budgetIds: event.budgetIds,
      costNanoUsd: BigInt(event.costNanoUsd),
      occurredAt: new Date(event.occurredAt),
    }));
  const { increments, unknownBudgetIds } = aggregateBudgetSpend(entries, budgets);
  if (unknownBudgetIds.length > 0) {
    // A budget deleted after the request was reserved against it; nothing to add to.
    logger.warn({ budgetIds: unknownBudgetIds }, 'usage events name unknown budgets');
  }
  await upsertBudgetSpend(transaction, increments);
}
