import type { ModelPrice as ModelPriceRow } from '@switchyard/db';
import type { ModelPrice } from './model.model.js';

/** BIGINT nano-USD columns are exposed as decimal text: GraphQL Int is only 32 bits. */
export function toModelPrice(row: ModelPriceRow): ModelPrice {
  const text = (value: bigint | null) => (value === null ? null : value.toString());
  return {
    id: row.id,
    modelId: row.modelId,
    effectiveFrom: row.effectiveFrom,
    effectiveTo: row.effectiveTo,
    currency: row.currency,
    inputNanoUsdPerMTok: row.inputNanoUsdPerMTok.toString(),
    outputNanoUsdPerMTok: row.outputNanoUsdPerMTok.toString(),
    cacheReadNanoUsdPerMTok: text(row.cacheReadNanoUsdPerMTok),
    cacheWriteNanoUsdPerMTok: text(row.cacheWriteNanoUsdPerMTok),
    cacheWrite1hNanoUsdPerMTok: text(row.cacheWrite1hNanoUsdPerMTok),
    reasoningNanoUsdPerMTok: text(row.reasoningNanoUsdPerMTok),
    longContextThresholdTokens: row.longContextThresholdTokens,
    longContextInputNanoUsdPerMTok: text(row.longContextInputNanoUsdPerMTok),
    longContextOutputNanoUsdPerMTok: text(row.longContextOutputNanoUsdPerMTok),
    longContextCacheReadNanoUsdPerMTok: text(row.longContextCacheReadNanoUsdPerMTok),
  };
}
