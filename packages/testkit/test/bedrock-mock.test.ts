import { createHmac } from 'node:crypto';
import { crc32 } from 'node:zlib';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  decodeEventStreamMessages,
  readRecordedBody,
  startMockProvider,
  type MockProvider,
} from '../src/index.js';

const accessKeyId = 'AKIDTESTKEY';
let mock: MockProvider;

beforeAll(async () => {
  mock = await startMockProvider({
    dialects: ['bedrock'],
    credentials: { bedrock: [accessKeyId] },
  });
});
afterAll(() => mock.close());
beforeEach(() => mock.reset());

/** Headers shaped like an AWS SigV4 signature (the mock checks shape and scope, not the HMAC). */
function sigV4Headers(keyId = accessKeyId): Record<string, string> {
  const amzDate = new Date()
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}/, '');
  const date = amzDate.slice(0, 8);
  const signature = createHmac('sha256', 'secret').update(amzDate).digest('hex');
  return {
    'content-type': 'application/json',
    'x-amz-date': amzDate,
    authorization: `AWS4-HMAC-SHA256 Credential=${keyId}/${date}/us-east-1/bedrock/aws4_request, SignedHeaders=content-type;host;x-amz-date, Signature=${signature}`,
  };
}

const modelId = encodeURIComponent('us.anthropic.claude-sonnet-4-5-20250929-v1:0');
const request = {
  messages: [{ role: 'user', content: [{ text: 'How many r in strawberry?' }] }],
  inferenceConfig: { maxTokens: 256 },
};

async function converse(
  operation: 'converse' | 'converse-stream',
  headers = sigV4Headers(),
  extra: Record<string, string> = {},
): Promise<Response> {
  return fetch(`${mock.url}/model/${modelId}/${operation}`, {
    method: 'POST',
    headers: { ...headers, ...extra },
    body: JSON.stringify(request),
  });
}

interface Frame {
  headers: Record<string, string>;
  payload: Record<string, unknown>;
}

/**
 * An eventstream decoder written here, independently of the testkit's, so the encoder is checked
 * against the spec rather than against itself: prelude (total, headers length, prelude CRC),
 * string headers, payload, message CRC.
 */
function decodeFrames(bytes: Buffer): Frame[] {
  const frames: Frame[] = [];
  let offset = 0;
  while (offset < bytes.length) {
    const total = bytes.readUInt32BE(offset);
    const headersLength = bytes.readUInt32BE(offset + 4);
    expect(bytes.readUInt32BE(offset + 8)).toBe(crc32(bytes.subarray(offset, offset + 8)));
    expect(bytes.readUInt32BE(offset + total - 4)).toBe(
      crc32(bytes.subarray(offset, offset + total - 4)),
    );
    const headers: Record<string, string> = {};
    let cursor = offset + 12;
    while (cursor < offset + 12 + headersLength) {
      const nameLength = bytes.readUInt8(cursor);
      const name = bytes.toString('utf8', cursor + 1, cursor + 1 + nameLength);
      cursor += 1 + nameLength;
      expect(bytes.readUInt8(cursor)).toBe(7); // string
      const valueLength = bytes.readUInt16BE(cursor + 1);
      headers[name] = bytes.toString('utf8', cursor + 3, cursor + 3 + valueLength);
      cursor += 3 + valueLength;
    }
    const payload = JSON.parse(bytes.toString('utf8', cursor, offset + total - 4)) as Record<
      string,
      unknown
    >;
    frames.push({ headers, payload });
    offset += total;
  }
  return frames;
}

describe('Bedrock Converse', () => {
  it('replays the recorded body for a SigV4-signed request', async () => {
    const response = await converse('converse');
    expect(response.status).toBe(200);
    expect(response.headers.get('x-amzn-requestid')).toMatch(/^[0-9a-f-]{36}$/);
    expect(await response.json()).toEqual(readRecordedBody('amazon-bedrock-text'));
    expect(mock.requests[0]?.path).toBe(
      '/model/us.anthropic.claude-sonnet-4-5-20250929-v1%3A0/converse',
    );
  });

  it('streams eventstream frames with valid CRCs in the documented event order', async () => {
    const response = await converse('converse-stream');
    expect(response.headers.get('content-type')).toBe('application/vnd.amazon.eventstream');
    const frames = decodeFrames(Buffer.from(await response.arrayBuffer()));
    for (const frame of frames) {
      expect(frame.headers[':message-type']).toBe('event');
      expect(frame.headers[':content-type']).toBe('application/json');
    }
    const types = frames.map((frame) => frame.headers[':event-type']);
    expect(types[0]).toBe('messageStart');
    expect(types.slice(-3)).toEqual(['contentBlockStop', 'messageStop', 'metadata']);
    const text = frames
      .filter((frame) => frame.headers[':event-type'] === 'contentBlockDelta')
      .map((frame) => (frame.payload.delta as { text: string }).text)
      .join('');
    expect(text).toContain('There are **3**');
    expect(frames.at(-2)?.payload).toMatchObject({ stopReason: 'end_turn' });
    expect(frames.at(-1)?.payload).toMatchObject({
      usage: { inputTokens: 22, outputTokens: 57, totalTokens: 79 },
    });
  });

  it('streams a recorded tool call as contentBlockStart + toolUse input fragments', async () => {
    const response = await converse('converse-stream', sigV4Headers(), {
      'x-mock-scenario': 'amazon-bedrock-tool-call.1',
    });
    const { messages, rest } = decodeEventStreamMessages(Buffer.from(await response.arrayBuffer()));
    expect(rest).toHaveLength(0);
    const events = messages.map(
      (message) =>
        [
          message.headers[':event-type'],
          JSON.parse(message.payload.toString('utf8')) as Record<string, unknown>,
        ] as const,
    );
    expect(events[1]).toEqual([
      'contentBlockStart',
      expect.objectContaining({
        contentBlockIndex: 0,
        start: { toolUse: { toolUseId: 'tool-use-id', name: 'bash' } },
      }),
    ]);
    const input = events
      .filter(([type]) => type === 'contentBlockDelta')
      .map(([, payload]) => (payload.delta as { toolUse: { input: string } }).toolUse.input)
      .join('');
    expect(JSON.parse(input)).toEqual({ command: 'ls -l' });
    expect(events.find(([type]) => type === 'messageStop')?.[1]).toMatchObject({
      stopReason: 'tool_use',
    });
  });
});

describe('Bedrock errors', () => {
  it('rejects a missing or malformed signature with 403 and x-amzn-ErrorType', async () => {
    const missing = await converse('converse', { 'content-type': 'application/json' });
    expect(missing.status).toBe(403);
    expect(missing.headers.get('x-amzn-errortype')?.split(':')[0]).toBe(
      'MissingAuthenticationTokenException',
    );
    expect(await missing.json()).toEqual({ message: 'Missing Authentication Token' });

    const wrongService = sigV4Headers();
    wrongService.authorization = wrongService.authorization?.replace('/bedrock/', '/s3/') ?? '';
    const malformed = await converse('converse', wrongService);
    expect(malformed.status).toBe(403);
    expect(malformed.headers.get('x-amzn-errortype')).toMatch(/^IncompleteSignatureException/);

    const { 'x-amz-date': _date, ...withoutDate } = sigV4Headers();
    expect((await converse('converse', withoutDate)).status).toBe(403);

    const unknownKey = await converse('converse', sigV4Headers('AKIDUNKNOWN'));
    expect(unknownKey.headers.get('x-amzn-errortype')).toMatch(/^UnrecognizedClientException/);
  });

  it('answers an injected 429 as ThrottlingException', async () => {
    const response = await converse('converse', sigV4Headers(), {
      'x-mock-fault': '{"status":429}',
    });
    expect(response.status).toBe(429);
    expect(response.headers.get('x-amzn-errortype')).toMatch(/^ThrottlingException:/);
    expect(await response.json()).toEqual({
      message: 'Too many requests, please wait before trying again.',
    });
  });

  it('sends an exception frame when the stream fails midway', async () => {
    const response = await converse('converse-stream', sigV4Headers(), {
      'x-mock-fault': '{"errorAfterChunks":2}',
    });
    const { messages } = decodeEventStreamMessages(Buffer.from(await response.arrayBuffer()));
    expect(messages).toHaveLength(3);
    expect(messages[2]?.headers).toMatchObject({
      ':message-type': 'exception',
      ':exception-type': 'internalServerException',
    });
  });

  it('sends a frame with a bad CRC for malformedBody', async () => {
    const response = await converse('converse-stream', sigV4Headers(), {
      'x-mock-fault': '{"malformedBody":true}',
    });
    const bytes = Buffer.from(await response.arrayBuffer());
    expect(() => decodeEventStreamMessages(bytes)).toThrow(/CRC/);
  });
});
