import type { GeminiPart } from './gemini-api.js';

/** What one batch of Gemini parts contributes to an OpenAI assistant message. */
export interface ConvertedParts {
  text: string;
  reasoning: string;
  toolCalls: { id: string; name: string; arguments: string }[];
}

/**
 * Gemini function calls carry no id on the Developer API (reference §3.3), but OpenAI tool
 * messages answer by id. Ids are minted from the response id and the call's position, so the
 * streamed and non-streamed forms of one response agree and two turns never collide; a later
 * request finds the function name again from the assistant message that echoes the id.
 */
export function geminiToolCallId(responseId: string | undefined, ordinal: number): string {
  return responseId ? `call_${responseId}_${ordinal}` : `call_${ordinal}`;
}

/**
 * Splits parts into visible text, thought summaries (`thought: true`, routed to
 * `reasoning_content`, never to `content` — reference §3.4) and function calls. `nextOrdinal`
 * numbers the calls across the whole response. Thought signatures are dropped: OpenAI has no
 * field for them, and replays carry Google's documented placeholder instead.
 */
export function convertGeminiParts(
  parts: readonly GeminiPart[],
  responseId: string | undefined,
  nextOrdinal: () => number,
): ConvertedParts {
  const converted: ConvertedParts = { text: '', reasoning: '', toolCalls: [] };
  for (const part of parts) {
    if (part.functionCall) {
      converted.toolCalls.push({
        id: part.functionCall.id ?? geminiToolCallId(responseId, nextOrdinal()),
        name: part.functionCall.name,
        arguments: JSON.stringify(part.functionCall.args ?? {}),
      });
    } else if (part.text !== undefined) {
      if (part.thought) converted.reasoning += part.text;
      else converted.text += part.text;
    }
  }
  return converted;
}
