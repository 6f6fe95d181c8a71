import type { FinishReason } from '../spec/chat-response.js';

/**
 * Converse `stopReason` → OpenAI `finish_reason` (reference §4.10). The enum grows
 * (context-window and malformed-tool reasons exist ⚠), so unknown values become `stop`.
 */
export function mapBedrockFinishReason(stopReason: string): FinishReason {
  switch (stopReason) {
    case 'tool_use':
      return 'tool_calls';
    case 'max_tokens':
    case 'model_context_window_exceeded':
      return 'length';
    case 'guardrail_intervened':
    case 'content_filtered':
      return 'content_filter';
    default:
      return 'stop';
  }
}
