import type { FinishReason } from '../spec/chat-response.js';

/**
 * Anthropic `stop_reason` → OpenAI `finish_reason` (reference §2.5 and the §2.8 table).
 * `pause_turn` (a server-tool loop paused) ends the turn for the caller just like `end_turn`;
 * `model_context_window_exceeded` is a length cut like `max_tokens`. Reasons added after this
 * was written map to `stop` — the answer is complete as far as the caller can act on it.
 */
export function mapAnthropicFinishReason(
  stopReason: string | null | undefined,
): FinishReason | null {
  switch (stopReason) {
    case null:
    case undefined:
      return null;
    case 'end_turn':
    case 'stop_sequence':
    case 'pause_turn':
      return 'stop';
    case 'max_tokens':
    case 'model_context_window_exceeded':
      return 'length';
    case 'tool_use':
      return 'tool_calls';
    case 'refusal':
      return 'content_filter';
    default:
      return 'stop';
  }
}
