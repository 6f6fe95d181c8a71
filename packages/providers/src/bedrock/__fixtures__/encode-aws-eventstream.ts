import { crc32 } from 'node:zlib';

/**
 * Test helper: writes `application/vnd.amazon.eventstream` frames (total length · headers length
 * · prelude CRC · headers · payload · message CRC), so tests can replay recorded Converse answers
 * the way ConverseStream frames them. Kept independent of the decoder under test.
 */

/** A string header, or any other type as its type byte plus raw value bytes. */
export type HeaderInput = string | { type: number; value: Uint8Array };

const encoder = new TextEncoder();

export function encodeEventStreamMessage(
  headers: Record<string, HeaderInput>,
  payload: string | Uint8Array,
): Uint8Array {
  const headerBytes: number[] = [];
  for (const [name, input] of Object.entries(headers)) {
    const nameBytes = encoder.encode(name);
    headerBytes.push(nameBytes.length, ...nameBytes);
    if (typeof input === 'string') {
      const value = encoder.encode(input);
      headerBytes.push(7, value.length >> 8, value.length & 0xff, ...value);
    } else {
      headerBytes.push(input.type, ...input.value);
    }
  }
  const body = typeof payload === 'string' ? encoder.encode(payload) : payload;
  const total = 12 + headerBytes.length + body.length + 4;
  const frame = new Uint8Array(total);
  const view = new DataView(frame.buffer);
  view.setUint32(0, total);
  view.setUint32(4, headerBytes.length);
  view.setUint32(8, crc32(frame.subarray(0, 8)));
  frame.set(headerBytes, 12);
  frame.set(body, 12 + headerBytes.length);
  view.setUint32(total - 4, crc32(frame.subarray(0, total - 4)));
  return frame;
}

/** A ConverseStream event; Bedrock pads payloads with a random `p` field, so we do too. */
export function bedrockEvent(eventType: string, payload: Record<string, unknown>): Uint8Array {
  return encodeEventStreamMessage(
    { ':event-type': eventType, ':content-type': 'application/json', ':message-type': 'event' },
    JSON.stringify({ ...payload, p: 'abcdefghijklmnop' }),
  );
}

export function bedrockException(exceptionType: string, message: string): Uint8Array {
  return encodeEventStreamMessage(
    {
      ':exception-type': exceptionType,
      ':content-type': 'application/json',
      ':message-type': 'exception',
    },
    JSON.stringify({ message }),
  );
}

interface RecordedConverse {
  output: { message: { role: string; content: Record<string, unknown>[] } };
  stopReason: string;
  usage: Record<string, unknown>;
  metrics?: Record<string, unknown>;
}

/** Splits a string into pieces of `size` characters (the last may be shorter). */
function pieces(text: string, size: number): string[] {
  const result: string[] = [];
  for (let offset = 0; offset < text.length; offset += size)
    result.push(text.slice(offset, offset + size));
  return result;
}

/**
 * The event sequence ConverseStream sends for a recorded non-streaming answer (reference §4.10):
 * messageStart, per block [contentBlockStart for tools] · deltas · contentBlockStop, messageStop,
 * metadata. Text is cut into `pieceSize`-character deltas, tool input into partial JSON strings.
 */
export function streamRecordedConverse(recorded: RecordedConverse, pieceSize = 20): Uint8Array[] {
  const frames = [bedrockEvent('messageStart', { role: recorded.output.message.role })];
  recorded.output.message.content.forEach((block, contentBlockIndex) => {
    if (typeof block.text === 'string') {
      for (const text of pieces(block.text, pieceSize)) {
        frames.push(bedrockEvent('contentBlockDelta', { contentBlockIndex, delta: { text } }));
      }
    }
    const toolUse = block.toolUse as
      { toolUseId: string; name: string; input: unknown } | undefined;
    if (toolUse) {
      frames.push(
        bedrockEvent('contentBlockStart', {
          contentBlockIndex,
          start: { toolUse: { toolUseId: toolUse.toolUseId, name: toolUse.name } },
        }),
      );
      for (const input of pieces(JSON.stringify(toolUse.input), pieceSize)) {
        frames.push(
          bedrockEvent('contentBlockDelta', { contentBlockIndex, delta: { toolUse: { input } } }),
        );
      }
    }
    frames.push(bedrockEvent('contentBlockStop', { contentBlockIndex }));
  });
  frames.push(bedrockEvent('messageStop', { stopReason: recorded.stopReason }));
  frames.push(
    bedrockEvent('metadata', {
      usage: recorded.usage,
      metrics: recorded.metrics ?? { latencyMs: 1 },
    }),
  );
  return frames;
}

export function concatBytes(parts: readonly Uint8Array[]): Uint8Array {
  const joined = new Uint8Array(parts.reduce((sum, part) => sum + part.length, 0));
  let offset = 0;
  for (const part of parts) {
    joined.set(part, offset);
    offset += part.length;
  }
  return joined;
}
