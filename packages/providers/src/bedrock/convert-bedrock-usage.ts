import type { NormalizedUsage } from '../spec/usage.js';
import type { BedrockUsage } from './bedrock-api.js';

/**
 * Bedrock's counting quirk (reference §4.10, §5 cost formulas): `inputTokens` **excludes** the
 * prompt tokens read from or written to the cache, which are reported separately as
 * `cacheReadInputTokens` / `cacheWriteInputTokens`. Our inputTokens is the whole prompt, so the
 * three are added (vercel/ai does the same for its total). `outputTokens` already includes any
 * reasoning, and Converse does not break reasoning out, so reasoningTokens stays 0.
 */
export function convertBedrockUsage(usage: BedrockUsage | undefined): NormalizedUsage {
  const cacheReadTokens = usage?.cacheReadInputTokens ?? 0;
  const cacheWriteTokens = usage?.cacheWriteInputTokens ?? 0;
  return {
    inputTokens: (usage?.inputTokens ?? 0) + cacheReadTokens + cacheWriteTokens,
    outputTokens: usage?.outputTokens ?? 0,
    cacheReadTokens,
    cacheWriteTokens,
    reasoningTokens: 0,
  };
}
