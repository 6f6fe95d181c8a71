import type { OpenAiUsage } from '../spec/chat-response.js';
import type { AnthropicOutputUsage } from './anthropic-ingress-api.js';

/**
 * OpenAI usage → Anthropic usage. OpenAI's `prompt_tokens` INCLUDES cached tokens; Anthropic's
 * `input_tokens` EXCLUDES cache reads and writes (§2.5), so both are subtracted and reported in
 * their own fields — clients that add the three (as Claude Code does for context size) get the
 * real prompt size back. `completion_tokens` already includes reasoning, like `output_tokens`.
 */
export function convertCanonicalUsageToAnthropic(
  usage: OpenAiUsage | null | undefined,
): AnthropicOutputUsage {
  const cacheRead = usage?.prompt_tokens_details?.cached_tokens ?? 0;
  const cacheWrite = usage?.prompt_tokens_details?.cache_write_tokens ?? 0;
  return {
    input_tokens: Math.max(0, (usage?.prompt_tokens ?? 0) - cacheRead - cacheWrite),
    output_tokens: usage?.completion_tokens ?? 0,
    cache_creation_input_tokens: cacheWrite,
    cache_read_input_tokens: cacheRead,
  };
}
