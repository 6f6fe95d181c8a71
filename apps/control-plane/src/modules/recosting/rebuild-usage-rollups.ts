import { Prisma } from '@switchyard/db';
import type { RollupGranularity } from '@switchyard/usage';
import type { Transaction } from '../../infra/prisma.service.js';
import type { RollupKey } from './recost-tally.js';

const tables = { hour: Prisma.raw('usage_hourly'), day: Prisma.raw('usage_daily') } as const;
/** Bucket widths; UTC days are always 24 hours (the worker buckets by UTC, see bucketStart). */
const widths = { hour: '1 hour', day: '24 hours' } as const;
/** Keys per statement: the arrays are single parameters, so this only bounds statement size. */
const keysPerStatement = 5_000;

function keyArrays(keys: readonly RollupKey[]) {
  return {
    bucketStarts: keys.map((key) => key.bucketStart.toISOString()),
    tenantIds: keys.map((key) => key.tenantId),
    apiKeyIds: keys.map((key) => key.apiKeyId),
    providers: keys.map((key) => key.provider),
    models: keys.map((key) => key.model),
    tags: keys.map((key) => key.tag),
  };
}

/**
 * Rewrites the given rollup rows from request_logs, so they sum exactly to the logs again.
 *
 * Safe while the worker adds new requests: the rows are locked first (in the worker's order, so
 * the two wait rather than deadlock), and the sums are read by a later statement, whose snapshot
 * sees every batch that incremented a row before the lock; a batch that increments it after our
 * commit adds its requests, which our sums did not see. The SQL mirrors aggregateUsageRollups:
 * '' for no key or provider, the served model else the requested one, one row per distinct tag
 * and '' for an untagged request.
 */
export async function rebuildUsageRollups(
  transaction: Transaction,
  granularity: RollupGranularity,
  keys: readonly RollupKey[],
): Promise<void> {
  const table = tables[granularity];
  const width = widths[granularity];
  for (let start = 0; start < keys.length; start += keysPerStatement) {
    const chunk = keyArrays(keys.slice(start, start + keysPerStatement));
    const keyRows = Prisma.sql`unnest(${chunk.bucketStarts}::timestamptz[], ${chunk.tenantIds}::text[],
      ${chunk.apiKeyIds}::text[], ${chunk.providers}::text[], ${chunk.models}::text[], ${chunk.tags}::text[])
      AS key(bucket_start, tenant_id, api_key_id, provider, model, tag)`;
    // COLLATE "C" compares like the worker's JavaScript string sort for ids and model names.
    await transaction.$queryRaw`
      SELECT 1 FROM ${table} AS rollup
      JOIN ${keyRows} USING (bucket_start, tenant_id, api_key_id, provider, model, tag)
      ORDER BY rollup.bucket_start, rollup.tenant_id COLLATE "C", rollup.api_key_id COLLATE "C",
        rollup.provider COLLATE "C", rollup.model COLLATE "C", rollup.tag COLLATE "C"
      FOR UPDATE OF rollup`;
    await transaction.$executeRaw`
      WITH key AS (SELECT * FROM ${keyRows}),
      slice AS (SELECT DISTINCT tenant_id, bucket_start FROM key),
      sums AS (
        SELECT slice.tenant_id, slice.bucket_start,
          coalesce(log.api_key_id, '') AS api_key_id, coalesce(log.provider, '') AS provider,
          coalesce(log.served_model, log.requested_model) AS model, tag.tag,
          count(*) AS request_count, count(*) FILTER (WHERE log.status >= 400) AS error_count,
          sum(log.input_tokens) AS input_tokens, sum(log.output_tokens) AS output_tokens,
          sum(log.cache_read_tokens) AS cache_read_tokens,
          sum(log.cache_write_tokens) AS cache_write_tokens,
          sum(log.reasoning_tokens) AS reasoning_tokens, sum(log.cost_nano_usd) AS cost_nano_usd
        FROM slice
        JOIN request_logs AS log ON log.tenant_id = slice.tenant_id
          AND log.created_at >= slice.bucket_start
          AND log.created_at < slice.bucket_start + ${width}::interval
        CROSS JOIN LATERAL (
          SELECT DISTINCT unnest(CASE WHEN cardinality(log.tags) = 0 THEN ARRAY['']::text[]
            ELSE log.tags END) AS tag
        ) AS tag
        GROUP BY 1, 2, 3, 4, 5, 6
      )
      INSERT INTO ${table} AS rollup (bucket_start, tenant_id, api_key_id, provider, model, tag,
        request_count, error_count, input_tokens, output_tokens, cache_read_tokens,
        cache_write_tokens, reasoning_tokens, cost_nano_usd)
      SELECT key.bucket_start, key.tenant_id, key.api_key_id, key.provider, key.model, key.tag,
        coalesce(sums.request_count, 0), coalesce(sums.error_count, 0),
        coalesce(sums.input_tokens, 0), coalesce(sums.output_tokens, 0),
        coalesce(sums.cache_read_tokens, 0), coalesce(sums.cache_write_tokens, 0),
        coalesce(sums.reasoning_tokens, 0), coalesce(sums.cost_nano_usd, 0)
      FROM key
      LEFT JOIN sums USING (bucket_start, tenant_id, api_key_id, provider, model, tag)
      ON CONFLICT (tenant_id, bucket_start, api_key_id, provider, model, tag) DO UPDATE SET
        request_count = EXCLUDED.request_count,
        error_count = EXCLUDED.error_count,
        input_tokens = EXCLUDED.input_tokens,
        output_tokens = EXCLUDED.output_tokens,
        cache_read_tokens = EXCLUDED.cache_read_tokens,
        cache_write_tokens = EXCLUDED.cache_write_tokens,
        reasoning_tokens = EXCLUDED.reasoning_tokens,
        cost_nano_usd = EXCLUDED.cost_nano_usd`;
  }
}
