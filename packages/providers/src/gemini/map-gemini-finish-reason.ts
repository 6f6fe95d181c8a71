import type { FinishReason } from '../spec/chat-response.js';

/** Reasons where Google stopped the output for policy reasons (reference §3.7). */
const contentFilterReasons: ReadonlySet<string> = new Set([
  'SAFETY',
  'RECITATION',
  'BLOCKLIST',
  'PROHIBITED_CONTENT',
  'SPII',
  'IMAGE_SAFETY',
  'IMAGE_PROHIBITED_CONTENT',
  'IMAGE_RECITATION',
]);

/**
 * Maps a Gemini `finishReason` to OpenAI's. Gemini says `STOP` also when the model called
 * functions (reference §3.3), so the caller tells us whether the candidate had functionCall parts.
 * `MALFORMED_FUNCTION_CALL`, `OTHER`, `LANGUAGE` and unknown values become `stop` — OpenAI has no
 * better word, and the content produced so far is still returned.
 */
export function mapGeminiFinishReason(reason: string, hasToolCalls: boolean): FinishReason {
  if (reason === 'MAX_TOKENS') return 'length';
  if (contentFilterReasons.has(reason)) return 'content_filter';
  if (hasToolCalls) return 'tool_calls';
  return 'stop';
}
