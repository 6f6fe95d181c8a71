import { Prisma } from '@switchyard/db';
import type { UsageRollupRow } from '@switchyard/usage';

/** Rows per INSERT: 14 parameters each stays far below Postgres's 65,535-parameter limit. */
const rowsPerStatement = 1_000;

const tables = { hour: Prisma.raw('usage_hourly'), day: Prisma.raw('usage_daily') } as const;

/**
 * Adds rollup increments with one INSERT … ON CONFLICT DO UPDATE per chunk: the increment happens
 * in the database, so concurrent workers never lose each other's updates.
 */
export async function upsertUsageRollups(
  transaction: Prisma.TransactionClient,
  granularity: keyof typeof tables,
  rows: readonly UsageRollupRow[],
): Promise<void> {
  for (let start = 0; start < rows.length; start += rowsPerStatement) {
    const values = rows.slice(start, start + rowsPerStatement).map(
      (
        row,
      ) => Prisma.sql`(${row.bucketStart}::timestamptz, ${row.tenantId}, ${row.apiKeyId}, ${row.provider},
        ${row.model}, ${row.tag}, ${row.requestCount}::bigint, ${row.errorCount}::bigint,
        ${row.inputTokens}::bigint, ${row.outputTokens}::bigint, ${row.cacheReadTokens}::bigint,
        ${row.cacheWriteTokens}::bigint, ${row.reasoningTokens}::bigint, ${row.costNanoUsd}::bigint)`,
    );
    const table = tables[granularity];
    await transaction.$executeRaw`
      INSERT INTO ${table} AS rollup (bucket_start, tenant_id, api_key_id, provider, model, tag,
        request_count, error_count, input_tokens, output_tokens, cache_read_tokens,
        cache_write_tokens, reasoning_tokens, cost_nano_usd)
      VALUES ${Prisma.join(values)}
      ON CONFLICT (tenant_id, bucket_start, api_key_id, provider, model, tag) DO UPDATE SET
        request_count = rollup.request_count + EXCLUDED.request_count,
        error_count = rollup.error_count + EXCLUDED.error_count,
        input_tokens = rollup.input_tokens + EXCLUDED.input_tokens,
        output_tokens = rollup.output_tokens + EXCLUDED.output_tokens,
        cache_read_tokens = rollup.cache_read_tokens + EXCLUDED.cache_read_tokens,
        cache_write_tokens = rollup.cache_write_tokens + EXCLUDED.cache_write_tokens,
        reasoning_tokens = rollup.reasoning_tokens + EXCLUDED.reasoning_tokens,
        cost_nano_usd = rollup.cost_nano_usd + EXCLUDED.cost_nano_usd`;
  }
}
