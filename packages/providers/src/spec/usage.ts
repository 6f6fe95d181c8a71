/**
 * Token usage normalised across providers, for billing. `inputTokens` is the whole prompt
 * (cache reads and writes included) and `outputTokens` the whole completion (reasoning
 * included), whatever the provider's own counting convention; adapters document their quirk.
 */
export interface NormalizedUsage {
  inputTokens: number;
  outputTokens: number;
  /** Prompt tokens served from the provider's cache (subset of inputTokens). */
  cacheReadTokens: number;
  /** Prompt tokens written to the provider's cache (subset of inputTokens). */
  cacheWriteTokens: number;
  /** Reasoning/thinking tokens (subset of outputTokens). */
  reasoningTokens: number;
}

export const emptyUsage = (): NormalizedUsage => ({
  inputTokens: 0,
  outputTokens: 0,
  cacheReadTokens: 0,
  cacheWriteTokens: 0,
  reasoningTokens: 0,
});

/** Renders normalised usage in OpenAI's `usage` shape. */
export function toOpenAiUsage(usage: NormalizedUsage) {
  return {
    prompt_tokens: usage.inputTokens,
    completion_tokens: usage.outputTokens,
    total_tokens: usage.inputTokens + usage.outputTokens,
    prompt_tokens_details: {
      cached_tokens: usage.cacheReadTokens,
      ...(usage.cacheWriteTokens > 0 ? { cache_write_tokens: usage.cacheWriteTokens } : {}),
    },
    completion_tokens_details: { reasoning_tokens: usage.reasoningTokens },
  };
}
