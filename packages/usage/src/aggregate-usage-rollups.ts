// How request logs roll up into usage_hourly / usage_daily rows. It lives beside the usage-event
// contract because two apps must key rollups identically: the worker adds new requests to them,
// and the control plane's re-costing rebuilds the rows its changed requests fall in.

/** The request-log fields a rollup needs (as stored, so rollups sum exactly to the logs). */
export interface LoggedUsage {
  tenantId: string;
  apiKeyId: string | null;
  provider: string | null;
  servedModel: string | null;
  requestedModel: string;
  tags: string[];
  status: number;
  inputTokens: number;
  outputTokens: number;
  cacheReadTokens: number;
  cacheWriteTokens: number;
  reasoningTokens: number;
  costNanoUsd: bigint;
  createdAt: Date;
}

export type RollupGranularity = 'hour' | 'day';

/** One usage_hourly / usage_daily increment; '' stands for "none" in every dimension. */
export interface UsageRollupRow {
  bucketStart: Date;
  tenantId: string;
  apiKeyId: string;
  provider: string;
  model: string;
  tag: string;
  requestCount: bigint;
  errorCount: bigint;
  inputTokens: bigint;
  outputTokens: bigint;
  cacheReadTokens: bigint;
  cacheWriteTokens: bigint;
  reasoningTokens: bigint;
  costNanoUsd: bigint;
}

/** UTC bucket start; tenant-local days are derived in reports from the hourly rollup. */
export function bucketStart(at: Date, granularity: RollupGranularity): Date {
  const bucket = new Date(at.getTime());
  if (granularity === 'day') bucket.setUTCHours(0, 0, 0, 0);
  else bucket.setUTCMinutes(0, 0, 0);
  return bucket;
}

/**
 * Sums request logs into rollup increments, one row per dimension tuple and per tag: a request
 * with tags [a, b] counts under `a` and under `b` (so a grand total must not add tags up),
 * an untagged one under ''. The model dimension is what served the request, else what was asked.
 * Rows come back sorted by key, so concurrent upserts lock rows in the same order (no deadlock).
 */
export function aggregateUsageRollups(
  logs: readonly LoggedUsage[],
  granularity: RollupGranularity,
): UsageRollupRow[] {
  const rows = new Map<string, UsageRollupRow>();
  for (const log of logs) {
    const tags = log.tags.length === 0 ? [''] : [...new Set(log.tags)];
    const bucket = bucketStart(log.createdAt, granularity);
    for (const tag of tags) {
      const dimensions = {
        bucketStart: bucket,
        tenantId: log.tenantId,
        apiKeyId: log.apiKeyId ?? '',
        provider: log.provider ?? '',
        model: log.servedModel ?? log.requestedModel,
        tag,
      };
      const key = JSON.stringify([
        bucket.getTime(),
        dimensions.tenantId,
        dimensions.apiKeyId,
        dimensions.provider,
        dimensions.model,
        tag,
      ]);
      let row = rows.get(key);
      if (!row) {
        row = {
          ...dimensions,
          requestCount: 0n,
          errorCount: 0n,
          inputTokens: 0n,
          outputTokens: 0n,
          cacheReadTokens: 0n,
          cacheWriteTokens: 0n,
          reasoningTokens: 0n,
          costNanoUsd: 0n,
        };
        rows.set(key, row);
      }
      row.requestCount += 1n;
      if (log.status >= 400) row.errorCount += 1n;
      row.inputTokens += BigInt(log.inputTokens);
      row.outputTokens += BigInt(log.outputTokens);
      row.cacheReadTokens += BigInt(log.cacheReadTokens);
      row.cacheWriteTokens += BigInt(log.cacheWriteTokens);
      row.reasoningTokens += BigInt(log.reasoningTokens);
      row.costNanoUsd += log.costNanoUsd;
    }
  }
  return [...rows.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, row]) => row);
}
