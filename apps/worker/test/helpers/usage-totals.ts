import { randomUUID } from 'node:crypto';
import type { Database } from '@switchyard/db';
import type { UsageEventInput } from '@switchyard/usage';

/** A run-unique tenant id, so tests sharing the database never see each other's rows. */
export function uniqueTenantId(): string {
  return `tenant-${randomUUID().slice(0, 8)}`;
}

/** Deterministic pseudo-random costs (some above 2^53) so sums are checked beyond float range. */
export function costFor(index: number): bigint {
  const base = BigInt((index * 2_654_435_761) % 1_000_003);
  return index % 97 === 0 ? 9_007_199_254_740_993n + base : base * 1_000n + BigInt(index % 7);
}

export interface EventOptions {
  tenantId: string;
  count: number;
  /** First index (request ids are `${prefix}-${index}`). */
  from?: number;
  prefix?: string;
  tags?: (index: number) => string[];
  budgetIds?: string[];
  /** Catalog model id every event was priced with. */
  modelId?: string;
}

export function makeEvents(options: EventOptions): UsageEventInput[] {
  const from = options.from ?? 0;
  return Array.from({ length: options.count }, (_, offset) => {
    const index = from + offset;
    return {
      schemaVersion: 1,
      requestId: `${options.prefix ?? options.tenantId}-${index}`,
      // Spread over three hours and two days so several buckets are involved.
      occurredAt: new Date(Date.UTC(2026, 2, 17, 22 + (index % 3), index % 60)).toISOString(),
      tenantId: options.tenantId,
      apiKeyId: index % 4 === 0 ? null : `key-${index % 3}`,
      tags: options.tags?.(index) ?? [],
      endpoint: 'chat',
      requestedModel: 'gpt-4o',
      servedModel: index % 5 === 0 ? null : 'gpt-4o-2024-08-06',
      modelId: options.modelId ?? null,
      provider: index % 5 === 0 ? null : index % 2 === 0 ? 'openai' : 'azure',
      status: index % 5 === 0 ? 502 : 200,
      stream: index % 2 === 0,
      latencyMs: 100 + (index % 50),
      inputTokens: 1_000 + index,
      outputTokens: 100 + (index % 10),
      cacheReadTokens: index % 100,
      reasoningTokens: index % 10,
      costNanoUsd: costFor(index).toString(),
      budgetIds: options.budgetIds ?? [],
    };
  });
}

export function sumCosts(events: readonly UsageEventInput[]): bigint {
  return events.reduce((sum, event) => sum + BigInt(event.costNanoUsd), 0n);
}

export interface StoredTotals {
  logCount: bigint;
  logCost: bigint;
  hourlyCount: bigint;
  hourlyCost: bigint;
  dailyCount: bigint;
  dailyCost: bigint;
  hourlyInputTokens: bigint;
  logInputTokens: bigint;
}

/** Totals of one tenant, summed by Postgres (numeric sums of bigint columns, exact). */
export async function storedTotals(db: Database, tenantId: string): Promise<StoredTotals> {
  const [row] = await db.$queryRaw<Array<Record<keyof StoredTotals, string>>>`
    SELECT
      (SELECT count(*) FROM request_logs WHERE tenant_id = ${tenantId})::text AS "logCount",
      (SELECT coalesce(sum(cost_nano_usd), 0) FROM request_logs WHERE tenant_id = ${tenantId})::text AS "logCost",
      (SELECT coalesce(sum(input_tokens), 0) FROM request_logs WHERE tenant_id = ${tenantId})::text AS "logInputTokens",
      (SELECT coalesce(sum(request_count), 0) FROM usage_hourly WHERE tenant_id = ${tenantId})::text AS "hourlyCount",
      (SELECT coalesce(sum(cost_nano_usd), 0) FROM usage_hourly WHERE tenant_id = ${tenantId})::text AS "hourlyCost",
      (SELECT coalesce(sum(input_tokens), 0) FROM usage_hourly WHERE tenant_id = ${tenantId})::text AS "hourlyInputTokens",
      (SELECT coalesce(sum(request_count), 0) FROM usage_daily WHERE tenant_id = ${tenantId})::text AS "dailyCount",
      (SELECT coalesce(sum(cost_nano_usd), 0) FROM usage_daily WHERE tenant_id = ${tenantId})::text AS "dailyCost"`;
  if (!row) throw new Error('no totals row');
  return Object.fromEntries(
    Object.entries(row).map(([key, value]) => [key, BigInt(value)]),
  ) as unknown as StoredTotals;
}

/** What the totals must be when every event was counted exactly once (no multi-tag events). */
export function expectedTotals(events: readonly UsageEventInput[]): StoredTotals {
  const count = BigInt(events.length);
  const cost = sumCosts(events);
  const input = events.reduce((sum, event) => sum + BigInt(event.inputTokens), 0n);
  return {
    logCount: count,
    logCost: cost,
    hourlyCount: count,
    hourlyCost: cost,
    dailyCount: count,
    dailyCost: cost,
    hourlyInputTokens: input,
    logInputTokens: input,
  };
}
