import { crc32 } from 'node:zlib';

/**
 * The binary `application/vnd.amazon.eventstream` framing Bedrock's ConverseStream uses instead
 * of SSE (reference §4.10). One message:
 *
 *   total length (u32 BE) · headers length (u32 BE) · prelude CRC32 (of the first 8 bytes)
 *   · headers · payload · message CRC32 (of everything before it)
 *
 * A header is: name length (u8) · name · value type (u8) · value. We only write strings
 * (type 7: u16 BE length + UTF-8), which is all Bedrock sends; the decoder reads every type so
 * tests can inspect frames from any source.
 */

const preludeLength = 12;
const checksumLength = 4;
const stringHeaderType = 7;

export type EventStreamHeaderValue = string | number | bigint | boolean | Buffer;

export interface EventStreamMessage {
  headers: Record<string, EventStreamHeaderValue>;
  payload: Buffer;
}

export function encodeEventStreamMessage(message: {
  headers: Record<string, string>;
  payload: Buffer | string;
}): Buffer {
  const headerParts: Buffer[] = [];
  for (const [name, value] of Object.entries(message.headers)) {
    const nameBytes = Buffer.from(name, 'utf8');
    const valueBytes = Buffer.from(value, 'utf8');
    const header = Buffer.alloc(1 + nameBytes.length + 1 + 2 + valueBytes.length);
    let offset = header.writeUInt8(nameBytes.length, 0);
    offset += nameBytes.copy(header, offset);
    offset = header.writeUInt8(stringHeaderType, offset);
    offset = header.writeUInt16BE(valueBytes.length, offset);
    valueBytes.copy(header, offset);
    headerParts.push(header);
  }
  const headers = Buffer.concat(headerParts);
  const payload =
    typeof message.payload === 'string' ? Buffer.from(message.payload, 'utf8') : message.payload;
  const totalLength = preludeLength + headers.length + payload.length + checksumLength;

  const frame = Buffer.alloc(totalLength);
  frame.writeUInt32BE(totalLength, 0);
  frame.writeUInt32BE(headers.length, 4);
  frame.writeUInt32BE(crc32(frame.subarray(0, 8)), 8);
  headers.copy(frame, preludeLength);
  payload.copy(frame, preludeLength + headers.length);
  frame.writeUInt32BE(
    crc32(frame.subarray(0, totalLength - checksumLength)),
    totalLength - checksumLength,
  );
  return frame;
}

/** A Bedrock stream event: `:message-type: event`, payload = the event's JSON member. */
export function encodeBedrockEvent(eventType: string, payload: unknown): Buffer {
  return encodeEventStreamMessage({
    headers: {
      ':event-type': eventType,
      ':content-type': 'application/json',
      ':message-type': 'event',
    },
    payload: JSON.stringify(payload),
  });
}

/** A Bedrock in-stream exception such as `throttlingException` with `{"message": …}`. */
export function encodeBedrockException(exceptionType: string, message: string): Buffer {
  return encodeEventStreamMessage({
    headers: {
      ':exception-type': exceptionType,
      ':content-type': 'application/json',
      ':message-type': 'exception',
    },
    payload: JSON.stringify({ message }),
  });
}

export class EventStreamChecksumError extends Error {}

/**
 * Splits a buffer into complete messages, verifying both CRCs. Returns the unconsumed tail so a
 * caller reading a socket can prepend the next chunk to it.
 */
export function decodeEventStreamMessages(buffer: Buffer): {
  messages: EventStreamMessage[];
  rest: Buffer;
} {
  const messages: EventStreamMessage[] = [];
  let offset = 0;
  while (buffer.length - offset >= preludeLength) {
    const totalLength = buffer.readUInt32BE(offset);
    if (totalLength < preludeLength + checksumLength) {
      throw new EventStreamChecksumError(`eventstream message length ${totalLength} is too small`);
    }
    if (buffer.length - offset < totalLength) break;
    const frame = buffer.subarray(offset, offset + totalLength);
    const headersLength = frame.readUInt32BE(4);
    if (crc32(frame.subarray(0, 8)) !== frame.readUInt32BE(8)) {
      throw new EventStreamChecksumError('eventstream prelude CRC mismatch');
    }
    const expectedMessageCrc = frame.readUInt32BE(totalLength - checksumLength);
    if (crc32(frame.subarray(0, totalLength - checksumLength)) !== expectedMessageCrc) {
      throw new EventStreamChecksumError('eventstream message CRC mismatch');
    }
    const headerBytes = frame.subarray(preludeLength, preludeLength + headersLength);
    messages.push({
      headers: decodeHeaders(headerBytes),
      payload: Buffer.from(
        frame.subarray(preludeLength + headersLength, totalLength - checksumLength),
      ),
    });
    offset += totalLength;
  }
  return { messages, rest: Buffer.from(buffer.subarray(offset)) };
}

function decodeHeaders(bytes: Buffer): Record<string, EventStreamHeaderValue> {
  const headers: Record<string, EventStreamHeaderValue> = {};
  let offset = 0;
  while (offset < bytes.length) {
    const nameLength = bytes.readUInt8(offset);
    offset += 1;
    const name = bytes.toString('utf8', offset, offset + nameLength);
    offset += nameLength;
    const type = bytes.readUInt8(offset);
    offset += 1;
    const [value, size] = readHeaderValue(bytes, offset, type);
    headers[name] = value;
    offset += size;
  }
  return headers;
}

/** Returns the value and the number of bytes it occupied. */
function readHeaderValue(
  bytes: Buffer,
  offset: number,
  type: number,
): [EventStreamHeaderValue, number] {
  switch (type) {
    case 0:
      return [true, 0];
    case 1:
      return [false, 0];
    case 2:
      return [bytes.readInt8(offset), 1];
    case 3:
      return [bytes.readInt16BE(offset), 2];
    case 4:
      return [bytes.readInt32BE(offset), 4];
    case 5:
    case 8: // timestamp: i64 milliseconds since the epoch
      return [bytes.readBigInt64BE(offset), 8];
    case 6:
    case 7: {
      const length = bytes.readUInt16BE(offset);
      const value = bytes.subarray(offset + 2, offset + 2 + length);
      return [type === 7 ? value.toString('utf8') : Buffer.from(value), 2 + length];
    }
    case 9:
      return [Buffer.from(bytes.subarray(offset, offset + 16)), 16];
    default:
      throw new EventStreamChecksumError(`unknown eventstream header type ${type}`);
  }
}
