import type { Database } from '@switchyard/db';
import { computeCostNanoUsd, type PricePeriod } from '@switchyard/pricing';
import {
  aggregateUsageRollups,
  budgetPeriod,
  type BudgetPeriodKind,
  type UsageEventInput,
} from '@switchyard/usage';

/** Model A's prices as first published: a price change on June 15th. */
export const juneOldPrice: PricePeriod = {
  effectiveFrom: '2021-01-01T00:00:00.000Z',
  effectiveTo: '2021-06-15T00:00:00.000Z',
  input: 400_000_000,
  output: 1_600_000_000,
  cacheRead: 100_000_000,
  cacheWrite: 500_000_000,
  reasoning: 2_000_000_000,
};
export const juneNewPrice: PricePeriod = {
  effectiveFrom: '2021-06-15T00:00:00.000Z',
  input: 300_000_000,
  output: 1_200_000_000,
  cacheRead: 75_000_000,
  cacheWrite: 375_000_000,
};
/** The retroactive correction: the new price was wrong from June 17th, noon. */
export const correctionFrom = '2021-06-17T12:00:00.000Z';
export const correctedPrice: PricePeriod = {
  effectiveFrom: correctionFrom,
  input: 350_000_000,
  output: 1_400_000_000,
  cacheRead: 87_500_000,
  cacheWrite: 437_500_000,
  reasoning: 1_750_000_000,
};
/** Model B is only priced from June 18th: its earlier requests cannot be re-costed. */
export const modelBPrice: PricePeriod = {
  effectiveFrom: '2021-06-18T00:00:00.000Z',
  input: 1_000_000_000,
  output: 3_000_000_000,
};

/** The GraphQL CreateModelPriceInput of a price (BIGINT amounts as digits). */
export function priceInput(modelId: string, price: PricePeriod): Record<string, unknown> {
  const text = (value: number | null | undefined) => (value == null ? undefined : String(value));
  return {
    modelId,
    effectiveFrom: price.effectiveFrom,
    effectiveTo: price.effectiveTo ?? undefined,
    inputNanoUsdPerMTok: text(price.input),
    outputNanoUsdPerMTok: text(price.output),
    cacheReadNanoUsdPerMTok: text(price.cacheRead),
    cacheWriteNanoUsdPerMTok: text(price.cacheWrite),
    reasoningNanoUsdPerMTok: text(price.reasoning),
  };
}

export interface EventSetup {
  tenantId: string;
  modelA: string;
  modelB: string;
  budgetIds: string[];
}

const tagSets = [[], ['team=search'], ['team=search', 'feature=chat'], ['feature=chat']];

/**
 * 48 requests from June 10th to June 20th, two per 10-hour step sharing an hour bucket, across
 * keys, tags (none, one, several), errors, a cache hit and a request that never reached a model.
 * Costs are what the data plane charged: model A at its first published prices, model B at its
 * price (0 where it had none), cache hits and unrouted requests 0.
 */
export function juneEvents(setup: EventSetup): UsageEventInput[] {
  return Array.from({ length: 48 }, (_, index) => {
    const at = new Date(
      Date.UTC(2021, 5, 10) + Math.floor(index / 2) * 10 * 3_600_000 + (index % 2) * 420_000,
    );
    const unrouted = index % 11 === 5;
    const modelId = unrouted ? null : index % 8 === 7 ? setup.modelB : setup.modelA;
    const cacheHit = index === 41;
    const tokens = unrouted
      ? { inputTokens: 0, outputTokens: 0, cacheReadTokens: 0, cacheWriteTokens: 0 }
      : {
          inputTokens: 1_000 + index * 37,
          outputTokens: 200 + index * 11,
          cacheReadTokens: (index % 4) * 50,
          cacheWriteTokens: (index % 3) * 20,
        };
    const usage = { ...tokens, reasoningTokens: unrouted ? 0 : (index % 5) * 10 };
    const prices = modelId === setup.modelA ? [juneOldPrice, juneNewPrice] : [modelBPrice];
    let cost = 0n;
    if (modelId && !cacheHit) {
      try {
        cost = computeCostNanoUsd(usage, prices, at).costNanoUsd;
      } catch {
        cost = 0n; // No price effective: the data plane charges 0 (compute-request-cost.ts).
      }
    }
    return {
      schemaVersion: 1,
      requestId: `${setup.tenantId}-june-${index}`,
      occurredAt: at.toISOString(),
      tenantId: setup.tenantId,
      apiKeyId: index % 4 === 0 ? null : `key-${index % 2}`,
      tags: tagSets[index % tagSets.length]!,
      endpoint: 'chat',
      requestedModel: 'gpt-test',
      servedModel: unrouted || index % 5 === 0 ? null : 'gpt-test-2021',
      modelId,
      provider: unrouted ? null : 'openai',
      status: unrouted ? 502 : index % 9 === 0 ? 500 : 200,
      stream: index % 2 === 0,
      cacheHit,
      latencyMs: 100 + index,
      ...usage,
      costNanoUsd: cost.toString(),
      budgetIds: setup.budgetIds,
    };
  });
}

/** Everything a re-costing may write, to compare before and after. */
export async function storedState(db: Database, tenantId: string) {
  const where = { where: { tenantId } };
  const rollupOrder = [{ bucketStart: 'asc' as const }, { apiKeyId: 'asc' as const }];
  return {
    costs: new Map(
      (await db.requestLog.findMany({ ...where, select: { id: true, costNanoUsd: true } })).map(
        (log) => [log.id, log.costNanoUsd],
      ),
    ),
    hourly: await db.usageHourly.findMany({ ...where, orderBy: rollupOrder }),
    daily: await db.usageDaily.findMany({ ...where, orderBy: rollupOrder }),
    spends: await db.budgetSpend.findMany({
      where: { budget: { tenantId } },
      orderBy: [{ budgetId: 'asc' }, { periodStart: 'asc' }],
    }),
    auditLogs: await db.auditLog.count({ where: { action: 'usage.recosted' } }),
  };
}

type RollupDimensions = {
  bucketStart: Date;
  apiKeyId: string;
  provider: string;
  model: string;
  tag: string;
};
const rollupKey = (row: RollupDimensions) =>
  [row.bucketStart.toISOString(), row.apiKeyId, row.provider, row.model, row.tag].join('|');

/**
 * The rollups the worker's own aggregation makes of the tenant's request logs as stored now, and
 * the rollups stored, both keyed the same way: equal = the rollups sum exactly to the logs.
 */
export async function rollupsVersusLogs(db: Database, tenantId: string) {
  const logs = await db.requestLog.findMany({ where: { tenantId } });
  const state = await storedState(db, tenantId);
  const byKey = <T extends RollupDimensions>(rows: readonly T[]) =>
    Object.fromEntries(rows.map((row) => [rollupKey(row), row]));
  return {
    hourly: { stored: byKey(state.hourly), expected: byKey(aggregateUsageRollups(logs, 'hour')) },
    daily: { stored: byKey(state.daily), expected: byKey(aggregateUsageRollups(logs, 'day')) },
  };
}

/** Spend per budget period as the worker counts it, summed from the request logs as stored now. */
export async function budgetSpendFromLogs(
  db: Database,
  budgets: ReadonlyArray<{ id: string; period: BudgetPeriodKind }>,
  timeZone: string,
): Promise<Array<{ budgetId: string; periodStart: Date; spentNanoUsd: bigint }>> {
  const expected = new Map<string, { budgetId: string; periodStart: Date; spentNanoUsd: bigint }>();
  for (const budget of budgets) {
    const logs = await db.requestLog.findMany({ where: { budgetIds: { has: budget.id } } });
    for (const log of logs) {
      const start = budgetPeriod(budget.period, timeZone, log.createdAt.getTime()).startMs;
      const key = `${budget.id}|${start}`;
      const entry = expected.get(key) ?? {
        budgetId: budget.id,
        periodStart: new Date(start),
        spentNanoUsd: 0n,
      };
      entry.spentNanoUsd += log.costNanoUsd;
      expected.set(key, entry);
    }
  }
  return [...expected.values()];
}
