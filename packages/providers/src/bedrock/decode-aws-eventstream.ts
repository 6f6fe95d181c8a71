import { crc32 } from 'node:zlib';

/**
 * Incremental decoder for `application/vnd.amazon.eventstream`, the binary framing of Bedrock's
 * ConverseStream (reference §4.10; it is not SSE). One message:
 *
 *   total length (u32 BE) · headers length (u32 BE) · prelude CRC32 of the first 8 bytes
 *   · headers · payload · message CRC32 of everything before it
 *
 * A header is name length (u8) · name (UTF-8) · value type (u8) · value. Bedrock only sends
 * strings (type 7: u16 BE length + UTF-8), but every type is decoded so nothing unexpected can
 * desynchronise the stream. Network reads split frames anywhere, so bytes are buffered until a
 * whole message is present; both CRCs are verified before a message is trusted.
 * https://docs.aws.amazon.com/transcribe/latest/dg/streaming-setting-up.html#streaming-event-stream
 */

export type EventStreamHeaderValue = string | number | bigint | boolean | Uint8Array;

export interface EventStreamMessage {
  headers: Record<string, EventStreamHeaderValue>;
  payload: Uint8Array;
}

/** The framing itself is broken: the rest of the stream cannot be trusted. */
export class AwsEventStreamError extends Error {
  override name = 'AwsEventStreamError';
}

const preludeLength = 12;
const checksumLength = 4;
/** AWS caps event-stream messages at 16 MiB; anything larger is corruption, not data. */
const maxMessageLength = 16 * 1024 * 1024 + preludeLength + checksumLength;
const utf8 = new TextDecoder('utf-8', { fatal: true });

export class AwsEventStreamDecoder {
  private chunks: Uint8Array[] = [];
  private size = 0;
  /** Total length of the message being assembled, once its prelude has been checked. */
  private frameLength: number | undefined;

  /** Feeds bytes; returns the messages they completed (possibly none). */
  push(bytes: Uint8Array): EventStreamMessage[] {
    if (bytes.length > 0) {
      this.chunks.push(bytes);
      this.size += bytes.length;
    }
    const messages: EventStreamMessage[] = [];
    for (;;) {
      if (this.frameLength === undefined) {
        if (this.size < preludeLength) break;
        this.frameLength = readPrelude(this.flatten());
      }
      if (this.size < this.frameLength) break;
      const buffer = this.flatten();
      messages.push(decodeMessage(buffer.subarray(0, this.frameLength)));
      this.chunks = this.size > this.frameLength ? [buffer.subarray(this.frameLength)] : [];
      this.size -= this.frameLength;
      this.frameLength = undefined;
    }
    return messages;
  }

  /** Bytes of an incomplete message still waiting; non-zero at end of input means a cut frame. */
  get bufferedBytes(): number {
    return this.size;
  }

  /** Joins the buffered chunks once, so a frame split into many reads costs one copy. */
  private flatten(): Uint8Array {
    if (this.chunks.length === 1 && this.chunks[0]) return this.chunks[0];
    const joined = new Uint8Array(this.size);
    let offset = 0;
    for (const chunk of this.chunks) {
      joined.set(chunk, offset);
      offset += chunk.length;
    }
    this.chunks = [joined];
    return joined;
  }
}

/** Validates the 12-byte prelude and returns the message's total length. */
function readPrelude(buffer: Uint8Array): number {
  const view = new DataView(buffer.buffer, buffer.byteOffset, preludeLength);
  const totalLength = view.getUint32(0);
  const headersLength = view.getUint32(4);
  if (crc32(buffer.subarray(0, 8)) !== view.getUint32(8)) {
    throw new AwsEventStreamError('event-stream prelude CRC mismatch');
  }
  if (totalLength < preludeLength + checksumLength || totalLength > maxMessageLength) {
    throw new AwsEventStreamError(`event-stream message length ${totalLength} is out of range`);
  }
  if (headersLength > totalLength - preludeLength - checksumLength) {
    throw new AwsEventStreamError(
      `event-stream headers length ${headersLength} exceeds the message`,
    );
  }
  return totalLength;
}

function decodeMessage(frame: Uint8Array): EventStreamMessage {
  const view = new DataView(frame.buffer, frame.byteOffset, frame.byteLength);
  const messageEnd = frame.length - checksumLength;
  if (crc32(frame.subarray(0, messageEnd)) !== view.getUint32(messageEnd)) {
    throw new AwsEventStreamError('event-stream message CRC mismatch');
  }
  const headersEnd = preludeLength + view.getUint32(4);
  return {
    headers: decodeHeaders(frame.subarray(preludeLength, headersEnd)),
    // Copied so the caller never holds a view into our (reused) buffer.
    payload: frame.slice(headersEnd, messageEnd),
  };
}

function decodeHeaders(bytes: Uint8Array): Record<string, EventStreamHeaderValue> {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const headers: Record<string, EventStreamHeaderValue> = {};
  let offset = 0;
  const need = (count: number) => {
    if (offset + count > bytes.length)
      throw new AwsEventStreamError('event-stream header is truncated');
  };
  while (offset < bytes.length) {
    need(1);
    const nameLength = view.getUint8(offset);
    offset += 1;
    need(nameLength + 1);
    const name = utf8.decode(bytes.subarray(offset, offset + nameLength));
    offset += nameLength;
    const type = view.getUint8(offset);
    offset += 1;
    switch (type) {
      case 0:
      case 1:
        headers[name] = type === 0;
        break;
      case 2:
        need(1);
        headers[name] = view.getInt8(offset);
        offset += 1;
        break;
      case 3:
        need(2);
        headers[name] = view.getInt16(offset);
        offset += 2;
        break;
      case 4:
        need(4);
        headers[name] = view.getInt32(offset);
        offset += 4;
        break;
      case 5: // int64
      case 8: // timestamp: int64 milliseconds since the epoch
        need(8);
        headers[name] = view.getBigInt64(offset);
        offset += 8;
        break;
      case 6: // bytes
      case 7: {
        // string
        need(2);
        const length = view.getUint16(offset);
        offset += 2;
        need(length);
        const value = bytes.subarray(offset, offset + length);
        headers[name] = type === 7 ? utf8.decode(value) : value.slice();
        offset += length;
        break;
      }
      case 9: // uuid
        need(16);
        headers[name] = bytes.slice(offset, offset + 16);
        offset += 16;
        break;
      default:
        throw new AwsEventStreamError(`unknown event-stream header type ${type}`);
    }
  }
  return headers;
}
