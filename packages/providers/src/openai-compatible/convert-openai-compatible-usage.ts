import type { NormalizedUsage } from '../spec/usage.js';
import { wireUsageSchema, type WireUsage } from './openai-compatible-api.js';
import type { UsageConvention } from './openai-compatible-profile.js';

const defaultUsagePaths: readonly (readonly string[])[] = [['usage']];

/**
 * Finds the usage object in a response or chunk. Most providers put it in `usage`; Groq's final
 * stream chunk also duplicates it in `x_groq.usage` (reference §4.4), so profiles list paths.
 */
export function readOpenAiCompatibleUsage(
  root: Readonly<Record<string, unknown>>,
  convention: UsageConvention,
): WireUsage | undefined {
  for (const path of convention.paths ?? defaultUsagePaths) {
    let value: unknown = root;
    for (const key of path) {
      value =
        typeof value === 'object' && value !== null
          ? (value as Record<string, unknown>)[key]
          : undefined;
    }
    if (value === undefined || value === null) continue;
    const parsed = wireUsageSchema.safeParse(value);
    if (parsed.success) return parsed.data;
  }
  return undefined;
}

/**
 * Normalises OpenAI-style usage. OpenAI's `prompt_tokens` already include `cached_tokens` and
 * `completion_tokens` include `reasoning_tokens` (reference §1.6), which is exactly the
 * normalised convention. The quirks a profile can declare:
 * - xAI: `completion_tokens` exclude reasoning (fixture: total 560 = 307 + 26 + 227), so output is
 *   completion + reasoning (reference §4.7).
 * - DeepSeek: cache hits are `prompt_cache_hit_tokens` (hit + miss = prompt, reference §4.3).
 */
export function convertOpenAiCompatibleUsage(
  usage: WireUsage,
  convention: UsageConvention,
): NormalizedUsage {
  const completion = usage.completion_tokens ?? 0;
  const reasoning = usage.completion_tokens_details?.reasoning_tokens ?? 0;
  const cacheRead = convention.cacheReadFromPromptCacheHit
    ? (usage.prompt_cache_hit_tokens ?? usage.prompt_tokens_details?.cached_tokens ?? 0)
    : (usage.prompt_tokens_details?.cached_tokens ?? 0);
  return {
    inputTokens: usage.prompt_tokens ?? 0,
    outputTokens: convention.completionExcludesReasoning ? completion + reasoning : completion,
    cacheReadTokens: cacheRead,
    cacheWriteTokens: usage.prompt_tokens_details?.cache_write_tokens ?? 0,
    reasoningTokens: reasoning,
  };
}
