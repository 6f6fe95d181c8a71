import { Prisma } from '@switchyard/db';
import type { LoggedUsage } from '@switchyard/usage';

/** Rows per INSERT: 33 parameters each, well under Postgres's 65,535-parameter limit. */
const rowsPerStatement = 1_000;

export type InsertedRequestLog = LoggedUsage & { id: string };

function json(value: Prisma.RequestLogCreateManyInput['promptBody']): string | null {
  if (
    value === undefined ||
    value === null ||
    value === Prisma.JsonNull ||
    value === Prisma.DbNull
  ) {
    return value === Prisma.JsonNull ? 'null' : null;
  }
  return JSON.stringify(value);
}

/** Prisma's list input for a scalar-list column: the array itself or `{ set: array }`. */
function list(value: string[] | { set: string[] } | undefined): string[] {
  if (value === undefined) return [];
  return Array.isArray(value) ? value : value.set;
}

function rowValues(row: Prisma.RequestLogCreateManyInput): Prisma.Sql {
  return Prisma.sql`(${row.id}, ${row.tenantId}, ${row.apiKeyId ?? null}, ${row.endUser ?? null},
    ${list(row.tags)}::text[], ${row.requestedModel}, ${row.servedModel ?? null}, ${row.modelId ?? null},
    ${row.provider ?? null}, ${row.deploymentId ?? null}, ${row.region ?? null}, ${row.routeRule ?? null},
    ${row.attempts ?? 0}::int, ${row.status}::int, ${row.errorCode ?? null}, ${row.latencyMs}::int,
    ${row.upstreamLatencyMs ?? null}::int, ${row.ttftMs ?? null}::int, ${row.inputTokens ?? 0}::int,
    ${row.outputTokens ?? 0}::int, ${row.cacheReadTokens ?? 0}::int, ${row.cacheWriteTokens ?? 0}::int,
    ${row.reasoningTokens ?? 0}::int, ${BigInt(row.costNanoUsd ?? 0)}::bigint,
    ${list(row.budgetIds)}::text[], ${row.cacheHit ?? false}, ${row.stream ?? false},
    ${row.modelDrift ?? false}, ${json(row.failoverReasons)}::jsonb, ${json(row.promptBody)}::jsonb,
    ${json(row.completionBody)}::jsonb, ${row.bodyExpiresAt ?? null}::timestamptz, ${row.createdAt}::timestamptz)`;
}

/**
 * Inserts request logs, skipping ids already present, and returns only the rows this statement
 * inserted (INSERT … ON CONFLICT (id) DO NOTHING RETURNING). Written in SQL rather than
 * createManyAndReturn because Prisma's query compiler spends ~1 ms per row building it, which
 * would make the worker CPU-bound long before Postgres is.
 */
export async function insertRequestLogs(
  transaction: Prisma.TransactionClient,
  rows: readonly Prisma.RequestLogCreateManyInput[],
): Promise<InsertedRequestLog[]> {
  const inserted: InsertedRequestLog[] = [];
  for (let start = 0; start < rows.length; start += rowsPerStatement) {
    const values = rows.slice(start, start + rowsPerStatement).map(rowValues);
    inserted.push(
      ...(await transaction.$queryRaw<InsertedRequestLog[]>`
        INSERT INTO request_logs (id, tenant_id, api_key_id, end_user, tags, requested_model,
          served_model, model_id, provider, deployment_id, region, route_rule, attempts, status,
          error_code, latency_ms, upstream_latency_ms, ttft_ms, input_tokens, output_tokens,
          cache_read_tokens, cache_write_tokens, reasoning_tokens, cost_nano_usd, budget_ids,
          cache_hit, stream, model_drift, failover_reasons, prompt_body, completion_body,
          body_expires_at, created_at)
        VALUES ${Prisma.join(values)}
        ON CONFLICT (id) DO NOTHING
        RETURNING id, tenant_id AS "tenantId", api_key_id AS "apiKeyId", provider,
          served_model AS "servedModel", requested_model AS "requestedModel", tags, status,
          input_tokens AS "inputTokens", output_tokens AS "outputTokens",
          cache_read_tokens AS "cacheReadTokens", cache_write_tokens AS "cacheWriteTokens",
          reasoning_tokens AS "reasoningTokens", cost_nano_usd AS "costNanoUsd",
          created_at AS "createdAt"`),
    );
  }
  return inserted;
}
