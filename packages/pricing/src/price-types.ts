/**
 * Price and usage shapes the cost arithmetic works on. They mirror `SnapshotPrice`
 * (@switchyard/policy snapshot-schema.ts) and `NormalizedUsage` (@switchyard/providers
 * spec/usage.ts) structurally, so values of those types pass straight in, without this pure
 * package depending on either (the catalog test checks the mirror against the policy schema).
 */

/** Integer nano-USD per million tokens, effective from `effectiveFrom` (inclusive) to `effectiveTo` (exclusive). */
export interface PricePeriod {
  effectiveFrom: string;
  effectiveTo?: string | null | undefined;
  input: number;
  output: number;
  cacheRead?: number | null | undefined;
  /** Cache write with the default (5-minute) lifetime. */
  cacheWrite?: number | null | undefined;
  /** Cache write with a 1-hour lifetime (Anthropic bills it at 2× input). */
  cacheWrite1h?: number | null | undefined;
  reasoning?: number | null | undefined;
  /** When the prompt has more input tokens than this, the whole request bills at the long-context rates. */
  longContextThresholdTokens?: number | null | undefined;
  longContextInput?: number | null | undefined;
  longContextOutput?: number | null | undefined;
  longContextCacheRead?: number | null | undefined;
}

/** Token counts of one request: input covers the whole prompt, output the whole completion. */
export interface UsageTokens {
  inputTokens: number;
  outputTokens: number;
  /** Subset of inputTokens read from the provider's prompt cache. */
  cacheReadTokens: number;
  /** Subset of inputTokens written to the provider's prompt cache (all lifetimes). */
  cacheWriteTokens: number;
  /** Subset of outputTokens spent on reasoning. */
  reasoningTokens: number;
  /** Subset of cacheWriteTokens written with a 1-hour lifetime; absent means all were 5-minute writes. */
  cacheWrite1hTokens?: number | undefined;
}

export const capabilities = [
  'tools',
  'json_schema',
  'json_object',
  'vision',
  'audio',
  'documents',
  'reasoning',
  'embeddings',
] as const;
export type Capability = (typeof capabilities)[number];
