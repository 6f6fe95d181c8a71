/** One server-sent event as defined by the WHATWG SSE spec (only the fields we use). */
export interface SseEvent {
  event: string | undefined;
  data: string;
}

/**
 * Incremental SSE parser. TCP chunks split events, lines and multi-byte UTF-8 characters, so
 * bytes go through a streaming TextDecoder and a line buffer; an event is emitted only when its
 * terminating blank line arrives. Accepts `\n`, `\r\n` and `\r` line endings; comment lines
 * (`: keep-alive`) are skipped, multiple `data:` lines are joined with `\n`.
 * https://html.spec.whatwg.org/multipage/server-sent-events.html#event-stream-interpretation
 */
export class SseParser {
  private readonly decoder = new TextDecoder();
  private buffer = '';
  private eventName: string | undefined;
  private dataLines: string[] = [];
  /** True when the previous chunk ended in `\r`, so a leading `\n` completes that line ending. */
  private pendingCarriageReturn = false;

  /** Feeds bytes; returns the events completed by them. */
  push(bytes: Uint8Array): SseEvent[] {
    return this.consume(this.decoder.decode(bytes, { stream: true }));
  }

  /** Flushes a final event that was not followed by a blank line (some servers just close). */
  end(): SseEvent[] {
    const events = this.consume(this.decoder.decode() + '\n\n');
    return events;
  }

  private consume(text: string): SseEvent[] {
    if (this.pendingCarriageReturn && text.startsWith('\n')) text = text.slice(1);
    this.pendingCarriageReturn = false;
    this.buffer += text;
    const events: SseEvent[] = [];
    let start = 0;
    for (let i = 0; i < this.buffer.length; i++) {
      const char = this.buffer.charCodeAt(i);
      if (char !== 10 && char !== 13) continue;
      const line = this.buffer.slice(start, i);
      if (char === 13) {
        if (i + 1 < this.buffer.length) {
          if (this.buffer.charCodeAt(i + 1) === 10) i++;
        } else {
          this.pendingCarriageReturn = true;
        }
      }
      start = i + 1;
      const event = this.processLine(line);
      if (event) events.push(event);
    }
    this.buffer = this.buffer.slice(start);
    return events;
  }

  private processLine(line: string): SseEvent | undefined {
    if (line === '') {
      if (this.dataLines.length === 0) {
        this.eventName = undefined;
        return undefined;
      }
      const event = { event: this.eventName, data: this.dataLines.join('\n') };
      this.eventName = undefined;
      this.dataLines = [];
      return event;
    }
    if (line.charCodeAt(0) === 58 /* ':' */) return undefined;
    const colon = line.indexOf(':');
    const field = colon === -1 ? line : line.slice(0, colon);
    let value = colon === -1 ? '' : line.slice(colon + 1);
    if (value.charCodeAt(0) === 32) value = value.slice(1);
    if (field === 'data') this.dataLines.push(value);
    else if (field === 'event') this.eventName = value;
    return undefined;
  }
}
