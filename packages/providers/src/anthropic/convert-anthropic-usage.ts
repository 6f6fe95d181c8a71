import type { NormalizedUsage } from '../spec/usage.js';
import type { AnthropicUsage } from './anthropic-api.js';

/**
 * Anthropic's counting quirk (reference §2.5): `input_tokens` EXCLUDES the prompt tokens read
 * from or written to the prompt cache, so the whole prompt is
 * `input_tokens + cache_creation_input_tokens + cache_read_input_tokens`. `output_tokens`
 * already includes thinking tokens; the 2026 API also breaks them out in
 * `output_tokens_details.thinking_tokens` (absent on older models → 0).
 */
export function convertAnthropicUsage(usage: AnthropicUsage): NormalizedUsage {
  const cacheReadTokens = usage.cache_read_input_tokens ?? 0;
  const cacheWriteTokens = usage.cache_creation_input_tokens ?? 0;
  return {
    inputTokens: (usage.input_tokens ?? 0) + cacheReadTokens + cacheWriteTokens,
    outputTokens: usage.output_tokens ?? 0,
    cacheReadTokens,
    cacheWriteTokens,
    reasoningTokens: usage.output_tokens_details?.thinking_tokens ?? 0,
  };
}

/**
 * Stream usage arrives twice: in `message_start` (input and cache counts, a few output tokens)
 * and, cumulatively, in `message_delta` (§2.6). Later non-null counters replace earlier ones;
 * counters a later event omits keep the value from `message_start`.
 */
export function mergeAnthropicUsage(
  previous: AnthropicUsage,
  next: AnthropicUsage,
): AnthropicUsage {
  return {
    input_tokens: next.input_tokens ?? previous.input_tokens,
    output_tokens: next.output_tokens ?? previous.output_tokens,
    cache_creation_input_tokens:
      next.cache_creation_input_tokens ?? previous.cache_creation_input_tokens,
    cache_read_input_tokens: next.cache_read_input_tokens ?? previous.cache_read_input_tokens,
    output_tokens_details: next.output_tokens_details ?? previous.output_tokens_details,
  };
}
