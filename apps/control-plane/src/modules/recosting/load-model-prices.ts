import type { ModelPrice as ModelPriceRow } from '@switchyard/db';
import type { PricePeriod } from '@switchyard/pricing';
import type { Transaction } from '../../infra/prisma.service.js';

/**
 * Prices are BIGINT nano-USD per 1M tokens in Postgres and JSON-safe integers in the pricing
 * package, converted the way the policy snapshot converts them — so re-costing applies exactly the
 * numbers the data plane charged with. (A rate beyond 2^53 makes computeCostNanoUsd throw.)
 */
export function toPricePeriod(row: ModelPriceRow): PricePeriod {
  const nano = (value: bigint | null) => (value === null ? null : Number(value));
  return {
    effectiveFrom: row.effectiveFrom.toISOString(),
    effectiveTo: row.effectiveTo?.toISOString() ?? null,
    input: Number(row.inputNanoUsdPerMTok),
    output: Number(row.outputNanoUsdPerMTok),
    cacheRead: nano(row.cacheReadNanoUsdPerMTok),
    cacheWrite: nano(row.cacheWriteNanoUsdPerMTok),
    cacheWrite1h: nano(row.cacheWrite1hNanoUsdPerMTok),
    reasoning: nano(row.reasoningNanoUsdPerMTok),
    longContextThresholdTokens: row.longContextThresholdTokens,
    longContextInput: nano(row.longContextInputNanoUsdPerMTok),
    longContextOutput: nano(row.longContextOutputNanoUsdPerMTok),
    longContextCacheRead: nano(row.longContextCacheReadNanoUsdPerMTok),
  };
}

/** Every price of each model, loaded once per model however many pages name it. */
export class ModelPriceBook {
  private readonly prices = new Map<string, PricePeriod[]>();

  constructor(private readonly transaction: Transaction) {}

  /** Loads the models not seen yet; a model without prices (or deleted) maps to []. */
  async load(modelIds: Iterable<string>): Promise<void> {
    const missing = [...new Set(modelIds)].filter((id) => !this.prices.has(id));
    if (missing.length === 0) return;
    const rows = await this.transaction.modelPrice.findMany({
      where: { modelId: { in: missing } },
      orderBy: { effectiveFrom: 'asc' },
    });
    for (const id of missing) this.prices.set(id, []);
    for (const row of rows) this.prices.get(row.modelId)?.push(toPricePeriod(row));
  }

  /** Prices of a loaded model. */
  of(modelId: string): readonly PricePeriod[] {
    return this.prices.get(modelId) ?? [];
  }
}
