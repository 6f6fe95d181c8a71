import { describe, expect, it } from 'vitest';
import { AwsEventStreamDecoder, AwsEventStreamError } from './decode-aws-eventstream.js';
import {
  bedrockEvent,
  concatBytes,
  encodeEventStreamMessage,
} from './__fixtures__/encode-aws-eventstream.js';

const text = (bytes: Uint8Array) => new TextDecoder().decode(bytes);

describe('AwsEventStreamDecoder', () => {
  const frames = [
    bedrockEvent('messageStart', { role: 'assistant' }),
    bedrockEvent('contentBlockDelta', { contentBlockIndex: 0, delta: { text: 'héllo wörld' } }),
    bedrockEvent('messageStop', { stopReason: 'end_turn' }),
  ];
  const stream = concatBytes(frames);

  it('decodes messages whatever the read boundaries, including one byte at a time', () => {
    for (const size of [1, 2, 3, 7, 12, 13, 16, 31, 1000]) {
      const decoder = new AwsEventStreamDecoder();
      const messages = [];
      for (let offset = 0; offset < stream.length; offset += size) {
        messages.push(...decoder.push(stream.subarray(offset, offset + size)));
      }
      expect(messages.map((message) => message.headers[':event-type'])).toEqual([
        'messageStart',
        'contentBlockDelta',
        'messageStop',
      ]);
      expect(JSON.parse(text(messages[1]?.payload ?? new Uint8Array()))).toMatchObject({
        delta: { text: 'héllo wörld' },
      });
      expect(decoder.bufferedBytes).toBe(0);
    }
  });

  it('reports the bytes of an incomplete trailing frame', () => {
    const decoder = new AwsEventStreamDecoder();
    expect(decoder.push(stream.subarray(0, stream.length - 5))).toHaveLength(2);
    expect(decoder.bufferedBytes).toBe((frames[2]?.length ?? 0) - 5);
  });

  it('decodes every header value type', () => {
    const bytes = (...values: number[]) => Uint8Array.from(values);
    const frame = encodeEventStreamMessage(
      {
        yes: { type: 0, value: bytes() },
        no: { type: 1, value: bytes() },
        byte: { type: 2, value: bytes(0xff) },
        short: { type: 3, value: bytes(0x01, 0x02) },
        int: { type: 4, value: bytes(0, 0, 1, 0) },
        long: { type: 5, value: bytes(0, 0, 0, 0, 0, 0, 0, 42) },
        blob: { type: 6, value: bytes(0, 2, 0xca, 0xfe) },
        name: 'value',
        time: { type: 8, value: bytes(0, 0, 1, 0x8f, 0, 0, 0, 0) },
        uuid: { type: 9, value: new Uint8Array(16).fill(7) },
      },
      '{}',
    );
    const [message] = new AwsEventStreamDecoder().push(frame);
    expect(message?.headers).toEqual({
      yes: true,
      no: false,
      byte: -1,
      short: 258,
      int: 256,
      long: 42n,
      blob: bytes(0xca, 0xfe),
      name: 'value',
      time: 0x18f00000000n,
      uuid: new Uint8Array(16).fill(7),
    });
  });

  it('rejects a corrupted prelude before waiting for the rest of the frame', () => {
    const corrupted = frames[0]?.slice() ?? new Uint8Array();
    corrupted[3] = (corrupted[3] ?? 0) ^ 0xff; // total length no longer matches the prelude CRC
    expect(() => new AwsEventStreamDecoder().push(corrupted.subarray(0, 12))).toThrow(
      AwsEventStreamError,
    );
  });

  it('rejects a payload whose message CRC does not match', () => {
    const corrupted = frames[1]?.slice() ?? new Uint8Array();
    const payloadByte = corrupted.length - 10;
    corrupted[payloadByte] = (corrupted[payloadByte] ?? 0) ^ 0x01;
    expect(() => new AwsEventStreamDecoder().push(corrupted)).toThrow(/message CRC mismatch/);
  });
});
