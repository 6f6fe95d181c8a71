import { Prisma } from '@switchyard/db';
import type { LoggedUsage } from '@switchyard/usage';
import type { Transaction } from '../../infra/prisma.service.js';

/** A request log as re-costing reads it: what it costs, and every rollup/budget it counts in. */
export interface RecostRow extends LoggedUsage {
  id: string;
  modelId: string | null;
  cacheHit: boolean;
  budgetIds: string[];
}

export interface RecostFilter {
  from: Date;
  to: Date;
  modelId?: string | undefined;
  tenantId?: string | undefined;
}

/** Where the previous page ended: the last (createdAt, id) read. */
export interface PageCursor {
  createdAt: Date;
  id: string;
}

/**
 * One page of the period's request logs in (created_at, id) order, keyset-paged so a year of
 * logs is read in bounded pieces and never skips or repeats a row. Raw SQL because Prisma's
 * query compiler costs ~1 ms per row, which would dominate a large re-costing.
 */
export function loadRequestLogPage(
  transaction: Transaction,
  filter: RecostFilter,
  after: PageCursor | null,
  limit: number,
): Promise<RecostRow[]> {
  const conditions = [
    Prisma.sql`created_at >= ${filter.from}::timestamptz`,
    Prisma.sql`created_at < ${filter.to}::timestamptz`,
  ];
  if (filter.modelId) conditions.push(Prisma.sql`model_id = ${filter.modelId}`);
  if (filter.tenantId) conditions.push(Prisma.sql`tenant_id = ${filter.tenantId}`);
  if (after) {
    conditions.push(Prisma.sql`(created_at, id) > (${after.createdAt}::timestamptz, ${after.id})`);
  }
  return transaction.$queryRaw<RecostRow[]>`
    SELECT id, tenant_id AS "tenantId", api_key_id AS "apiKeyId", provider,
      served_model AS "servedModel", requested_model AS "requestedModel", tags, status,
      model_id AS "modelId", cache_hit AS "cacheHit", budget_ids AS "budgetIds",
      input_tokens AS "inputTokens", output_tokens AS "outputTokens",
      cache_read_tokens AS "cacheReadTokens", cache_write_tokens AS "cacheWriteTokens",
      reasoning_tokens AS "reasoningTokens", cost_nano_usd AS "costNanoUsd",
      created_at AS "createdAt"
    FROM request_logs
    WHERE ${Prisma.join(conditions, ' AND ')}
    ORDER BY created_at, id
    LIMIT ${limit}`;
}

/** Sets new costs in one statement per call; ids and costs travel as two parallel arrays. */
export async function updateRequestLogCosts(
  transaction: Transaction,
  changes: ReadonlyArray<{ id: string; costNanoUsd: bigint }>,
): Promise<void> {
  if (changes.length === 0) return;
  const ids = changes.map((change) => change.id);
  // As text: the driver adapter sends arrays of strings as they are; Postgres casts them.
  const costs = changes.map((change) => change.costNanoUsd.toString());
  await transaction.$executeRaw`
    UPDATE request_logs AS log
    SET cost_nano_usd = change.cost
    FROM unnest(${ids}::text[], ${costs}::bigint[]) AS change(id, cost)
    WHERE log.id = change.id`;
}
