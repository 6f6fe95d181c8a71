/**
 * Server-sent-event framing as each provider sends it (reference §5): OpenAI-compatible APIs and
 * Gemini send bare `data:` events, Anthropic names every event after its JSON `type`.
 */

/** `data: <payload>\n\n`; Gemini may be asked to use `\r\n` to test tolerant parsers. */
export function formatDataEvent(payload: string, lineEnding: '\n' | '\r\n' = '\n'): string {
  return `data: ${payload}${lineEnding}${lineEnding}`;
}

/** `event: <name>\ndata: <payload>\n\n` (Anthropic). */
export function formatNamedEvent(event: string, payload: string): string {
  return `event: ${event}\ndata: ${payload}\n\n`;
}

/** The OpenAI-compatible stream terminator. */
export const openAiDoneEvent = 'data: [DONE]\n\n';

/** One parsed SSE event. */
export interface ParsedSseEvent {
  event?: string;
  data: string;
}

/**
 * Parses a complete SSE text (as collected by a test) into events, per the WHATWG rules the
 * providers follow: any line ending, `:` comments skipped, multi-line `data` joined with `\n`.
 */
export function parseSseText(text: string): ParsedSseEvent[] {
  const events: ParsedSseEvent[] = [];
  let event: string | undefined;
  let data: string[] = [];
  for (const line of text.split(/\r\n|\r|\n/)) {
    if (line === '') {
      if (data.length > 0)
        events.push(
          event === undefined ? { data: data.join('\n') } : { event, data: data.join('\n') },
        );
      event = undefined;
      data = [];
      continue;
    }
    if (line.startsWith(':')) continue;
    const colon = line.indexOf(':');
    const field = colon === -1 ? line : line.slice(0, colon);
    let value = colon === -1 ? '' : line.slice(colon + 1);
    if (value.startsWith(' ')) value = value.slice(1);
    if (field === 'event') event = value;
    else if (field === 'data') data.push(value);
  }
  if (data.length > 0)
    events.push(event === undefined ? { data: data.join('\n') } : { event, data: data.join('\n') });
  return events;
}
