import type { NormalizedUsage } from '../spec/usage.js';
import type { GeminiUsageMetadata } from './gemini-api.js';

/**
 * Gemini's counting quirk (reference §3.3): `candidatesTokenCount` is the *visible* output only
 * and excludes `thoughtsTokenCount`, although thinking is billed as output. So the completion is
 * candidates + thoughts. `promptTokenCount` already includes `cachedContentTokenCount`.
 * `toolUsePromptTokenCount` (results of built-in tools fed back to the model) is billed as input
 * and is part of `totalTokenCount`, so it is added to the prompt; that keeps
 * inputTokens + outputTokens === totalTokenCount (recorded fixture: 9 + 28 + 244 = 281).
 */
export function convertGeminiUsage(usage: GeminiUsageMetadata | undefined): NormalizedUsage {
  const thoughts = usage?.thoughtsTokenCount ?? 0;
  return {
    inputTokens: (usage?.promptTokenCount ?? 0) + (usage?.toolUsePromptTokenCount ?? 0),
    outputTokens: (usage?.candidatesTokenCount ?? 0) + thoughts,
    cacheReadTokens: usage?.cachedContentTokenCount ?? 0,
    // Explicit caches are created by a separate call; generateContent never writes one.
    cacheWriteTokens: 0,
    reasoningTokens: thoughts,
  };
}
