import Anthropic from '@anthropic-ai/sdk';
import OpenAI, { APIConnectionError, APIError } from 'openai';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startMockProvider, type MockProvider } from '../src/index.js';

let mock: MockProvider;
let openai: OpenAI;

beforeAll(async () => {
  mock = await startMockProvider();
  openai = new OpenAI({ apiKey: 'sk-test', baseURL: `${mock.url}/v1`, maxRetries: 0 });
});
afterAll(() => mock.close());
beforeEach(() => mock.reset());

const chat = { model: 'gpt-4.1', messages: [{ role: 'user' as const, content: 'hi' }] };

function rawChat(extraHeaders: Record<string, string> = {}, stream = true): Promise<Response> {
  return fetch(`${mock.url}/v1/chat/completions`, {
    method: 'POST',
    headers: {
      authorization: 'Bearer sk-test',
      'content-type': 'application/json',
      'x-mock-scenario': 'mistral-text',
      ...extraHeaders,
    },
    body: JSON.stringify({ ...chat, stream }),
  });
}

describe('stream faults', () => {
  it('disconnectAfterChunks: the client sees an error, not a clean end', async () => {
    mock.setFaults({ disconnectAfterChunks: 3, times: 1 });
    const stream = await openai.chat.completions.create({ ...chat, stream: true });
    const received: string[] = [];
    const consume = async () => {
      for await (const chunk of stream) received.push(chunk.choices[0]?.delta.content ?? '');
    };
    await expect(consume()).rejects.toThrow();
    expect(received.length).toBeGreaterThan(0);
    expect(received.length).toBeLessThanOrEqual(3);
  });

  it('stallAfterChunks: the socket stays open and nothing more arrives', async () => {
    const response = await rawChat({ 'x-mock-fault': JSON.stringify({ stallAfterChunks: 2 }) });
    const reader = response.body!.getReader();
    let text = '';
    const decoder = new TextDecoder();
    while (text.split('\n\n').length - 1 < 2) {
      const { value } = await reader.read();
      text += decoder.decode(value, { stream: true });
    }
    const next = await Promise.race([
      reader.read().then(() => 'data'),
      sleep(300).then(() => 'stalled'),
    ]);
    expect(next).toBe('stalled');
    await reader.cancel();
  });

  it('chunkDelayMs spaces the events out', async () => {
    const started = performance.now();
    const response = await rawChat({ 'x-mock-fault': JSON.stringify({ chunkDelayMs: 25 }) });
    await response.text();
    // mistral-text is 8 events + [DONE]: 8 gaps.
    expect(performance.now() - started).toBeGreaterThanOrEqual(8 * 25 - 5);
  });

  it('malformedBody breaks the SSE stream for the SDK', async () => {
    mock.setFaults({ malformedBody: true, times: 1 });
    const stream = await openai.chat.completions.create({ ...chat, stream: true });
    await expect(
      (async () => {
        for await (const _chunk of stream) {
          // drain
        }
      })(),
    ).rejects.toThrow();
  });

  it('errorAfterChunks sends an OpenAI error event that the SDK throws as APIError', async () => {
    mock.setFaults({ errorAfterChunks: 2, times: 1 });
    const stream = await openai.chat.completions.create({ ...chat, stream: true });
    const error = await (async () => {
      for await (const _chunk of stream) {
        // drain
      }
    })().catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(APIError);
  });

  it('malformedBody also breaks the Anthropic stream', async () => {
    const anthropic = new Anthropic({ apiKey: 'sk-ant', baseURL: mock.url, maxRetries: 0 });
    mock.setFaults({ malformedBody: true, dialect: 'anthropic', times: 1 });
    await expect(
      anthropic.messages
        .stream({
          model: 'claude-mock',
          max_tokens: 10,
          messages: [{ role: 'user', content: 'hi' }],
        })
        .finalMessage(),
    ).rejects.toThrow();
  });
});

describe('timing and connection faults', () => {
  it('latencyMs delays the headers', async () => {
    const started = performance.now();
    await rawChat({ 'x-mock-fault': JSON.stringify({ latencyMs: 200 }) }, false);
    expect(performance.now() - started).toBeGreaterThanOrEqual(195);
  });

  it('firstByteDelayMs sends headers at once and the body later', async () => {
    const started = performance.now();
    const response = await rawChat({ 'x-mock-fault': JSON.stringify({ firstByteDelayMs: 300 }) });
    const headersAt = performance.now() - started;
    await response.text();
    const bodyAt = performance.now() - started;
    expect(response.status).toBe(200);
    expect(headersAt).toBeLessThan(250);
    expect(bodyAt).toBeGreaterThanOrEqual(295);
  });

  it('connectionReset makes the SDK report a connection error', async () => {
    mock.setFaults({ connectionReset: true, times: 1 });
    await expect(openai.chat.completions.create(chat)).rejects.toBeInstanceOf(APIConnectionError);
  });

  it('malformedBody on a JSON response is a truncated document', async () => {
    const response = await rawChat(
      { 'x-mock-fault': JSON.stringify({ malformedBody: true }) },
      false,
    );
    expect(response.status).toBe(200);
    const text = await response.text();
    expect(() => JSON.parse(text) as unknown).toThrow();
    mock.setFaults({ malformedBody: true, times: 1 });
    await expect(openai.chat.completions.create(chat)).rejects.toThrow();
  });

  it('disconnectAfterChunks cuts a JSON body mid-way', async () => {
    mock.setFaults({ disconnectAfterChunks: 1, times: 1 });
    await expect(openai.chat.completions.create(chat)).rejects.toThrow();
  });
});

describe('fault rules', () => {
  it('consumes rules in order and then answers normally', async () => {
    mock.setFaults([
      { status: 500, times: 1 },
      { status: 429, times: 1 },
    ]);
    const statuses = [];
    for (let attempt = 0; attempt < 3; attempt += 1)
      statuses.push((await rawChat({}, false)).status);
    expect(statuses).toEqual([500, 429, 200]);
    expect(mock.requests.map((request) => request.fault?.status)).toEqual([500, 429, undefined]);
  });

  it('matches by dialect and path, and applies to every request without `times`', async () => {
    mock.setFaults({ status: 503, path: '/v1/embeddings' });
    expect((await rawChat({}, false)).status).toBe(200);
    const embed = () => openai.embeddings.create({ model: 'text-embedding-3-small', input: 'x' });
    await expect(embed()).rejects.toMatchObject({ status: 503 });
    await expect(embed()).rejects.toMatchObject({ status: 503 });
    mock.reset();
    await expect(embed()).resolves.toBeDefined();
  });

  it('still requires valid credentials before an injected status, like a real provider', async () => {
    const strict = await startMockProvider({
      credentials: { keys: ['right'] },
      faults: { status: 429 },
    });
    try {
      const response = await fetch(`${strict.url}/v1/models`, {
        headers: { authorization: 'Bearer wrong' },
      });
      expect(response.status).toBe(401);
    } finally {
      await strict.close();
    }
  });

  it('reports an unparsable x-mock-fault header in the dialect error shape', async () => {
    const response = await rawChat({ 'x-mock-fault': 'not json' }, false);
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({
      error: { type: 'invalid_request_error', message: expect.stringContaining('x-mock-fault') },
    });
  });

  it('reports a scenario of another dialect as a clear 400', async () => {
    const response = await rawChat({ 'x-mock-scenario': 'anthropic-text' }, false);
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({
      error: { message: expect.stringContaining('anthropic recording') },
    });
  });
});

function sleep(milliseconds: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, milliseconds));
}
