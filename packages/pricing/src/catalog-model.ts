import type { Capability, PricePeriod } from './price-types.js';
import { usdPerMillion } from './usd.js';

/**
 * One catalog row: a model as one provider serves it. Mirrors `SnapshotModel` of
 * @switchyard/policy without the database `id`, plus `aliases` and the price confidence.
 */
export interface CatalogModel {
  /** Canonical (dated where the provider dates it) model id callers and aliases refer to. */
  canonicalId: string;
  providerType: string;
  /** The id sent to the provider's API. */
  providerModelId: string;
  /** Release date of this version (YYYY-MM-DD), or null when the provider publishes none. */
  version: string | null;
  /** Undated names that resolve to this row (e.g. `gpt-4.1` → `gpt-4.1-2025-04-14`). */
  aliases: string[];
  contextWindow: number;
  maxOutputTokens: number | null;
  capabilities: Capability[];
  /** Approximate 0–100 quality judgement for routing (our estimate, not a benchmark). */
  qualityScore: number | null;
  deprecatedAt: string | null;
  /** H = two sources agree, M = one curated source, L = sources conflict (re-check before billing). */
  priceConfidence: 'H' | 'M' | 'L';
  prices: PricePeriod[];
}

/** Prices as written on price pages: decimal USD per 1M tokens, turned into integer nano-USD. */
export interface ListPrice {
  /** First day (UTC) the price applies, YYYY-MM-DD. */
  from: string;
  /** First day (UTC) it no longer applies. */
  until?: string;
  input: string;
  output: string;
  cacheRead?: string;
  cacheWrite?: string;
  cacheWrite1h?: string;
  reasoning?: string;
  longContext?: { aboveInputTokens: number; input: string; output: string; cacheRead?: string };
}

function day(date: string): string {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) throw new RangeError(`expected YYYY-MM-DD, got "${date}"`);
  return `${date}T00:00:00.000Z`;
}

function optionalRate(decimal: string | undefined): number | null {
  return decimal === undefined ? null : usdPerMillion(decimal);
}

export function listPrice(price: ListPrice): PricePeriod {
  return {
    effectiveFrom: day(price.from),
    effectiveTo: price.until === undefined ? null : day(price.until),
    input: usdPerMillion(price.input),
    output: usdPerMillion(price.output),
    cacheRead: optionalRate(price.cacheRead),
    cacheWrite: optionalRate(price.cacheWrite),
    cacheWrite1h: optionalRate(price.cacheWrite1h),
    reasoning: optionalRate(price.reasoning),
    longContextThresholdTokens: price.longContext?.aboveInputTokens ?? null,
    longContextInput: optionalRate(price.longContext?.input),
    longContextOutput: optionalRate(price.longContext?.output),
    longContextCacheRead: optionalRate(price.longContext?.cacheRead),
  };
}

export interface ModelSpec {
  canonicalId: string;
  providerModelId?: string;
  version?: string | null;
  aliases?: string[];
  contextWindow: number;
  maxOutputTokens: number | null;
  capabilities: Capability[];
  qualityScore?: number | null;
  deprecatedAt?: string | null;
  priceConfidence: 'H' | 'M' | 'L';
  prices: ListPrice[];
}

/** Builds the catalog rows of one provider from compact specs. */
export function modelsOf(providerType: string, specs: ModelSpec[]): CatalogModel[] {
  return specs.map((spec) => ({
    canonicalId: spec.canonicalId,
    providerType,
    providerModelId: spec.providerModelId ?? spec.canonicalId,
    version: spec.version ?? null,
    aliases: spec.aliases ?? [],
    contextWindow: spec.contextWindow,
    maxOutputTokens: spec.maxOutputTokens,
    capabilities: spec.capabilities,
    qualityScore: spec.qualityScore ?? null,
    deprecatedAt: spec.deprecatedAt == null ? null : day(spec.deprecatedAt),
    priceConfidence: spec.priceConfidence,
    prices: spec.prices.map(listPrice),
  }));
}
