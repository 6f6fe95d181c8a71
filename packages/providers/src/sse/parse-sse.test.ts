import { describe, expect, it } from 'vitest';
import { SseParser } from './parse-sse.js';

const encode = (text: string) => new TextEncoder().encode(text);

describe('SseParser', () => {
  it('emits events only when their blank line arrives, across chunk boundaries', () => {
    const parser = new SseParser();
    expect(parser.push(encode('data: {"a"'))).toEqual([]);
    expect(parser.push(encode(':1}\n'))).toEqual([]);
    expect(parser.push(encode('\ndata: [DONE]\n\n'))).toEqual([
      { event: undefined, data: '{"a":1}' },
      { event: undefined, data: '[DONE]' },
    ]);
  });

  it('handles event names, CRLF and CR line endings, comments and multi-line data', () => {
    const parser = new SseParser();
    const events = parser.push(
      encode(': keep-alive\r\nevent: ping\r\ndata: {}\r\n\r\ndata: a\rdata: b\r\r'),
    );
    expect(events).toEqual([
      { event: 'ping', data: '{}' },
      { event: undefined, data: 'a\nb' },
    ]);
  });

  it('keeps a CRLF split across chunks as one line ending', () => {
    const parser = new SseParser();
    expect(parser.push(encode('data: x\r'))).toEqual([]);
    expect(parser.push(encode('\n\r\n'))).toEqual([{ event: undefined, data: 'x' }]);
  });

  it('reassembles a multi-byte UTF-8 character split between chunks', () => {
    const parser = new SseParser();
    const bytes = encode('data: héllo\n\n');
    const split = bytes.indexOf(0xc3) + 1;
    expect(parser.push(bytes.slice(0, split))).toEqual([]);
    expect(parser.push(bytes.slice(split))).toEqual([{ event: undefined, data: 'héllo' }]);
  });

  it('flushes a last event that was not terminated by a blank line', () => {
    const parser = new SseParser();
    expect(parser.push(encode('data: tail'))).toEqual([]);
    expect(parser.end()).toEqual([{ event: undefined, data: 'tail' }]);
  });
});
