import type { FinishReason } from '../spec/chat-response.js';
import type { AnthropicStopReason } from './anthropic-ingress-api.js';

/**
 * OpenAI `finish_reason` → Anthropic `stop_reason` (reverse column of the §2.8 table).
 * `stop` becomes `end_turn`: OpenAI does not say whether a stop sequence matched, nor which, so
 * `stop_sequence` is never claimed. A missing reason (the upstream never said) reads as `end_turn`.
 */
export function mapCanonicalFinishReason(
  reason: FinishReason | null | undefined,
): AnthropicStopReason {
  switch (reason) {
    case 'length':
      return 'max_tokens';
    case 'tool_calls':
    case 'function_call':
      return 'tool_use';
    case 'content_filter':
      return 'refusal';
    default:
      return 'end_turn';
  }
}
