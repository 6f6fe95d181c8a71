import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  parseSseText,
  readRecordedChunks,
  startMockProvider,
  type MockProvider,
} from '../src/index.js';

const apiKey = 'AIza-test-key';
let mock: MockProvider;

beforeAll(async () => {
  mock = await startMockProvider({ dialects: ['gemini'], credentials: { gemini: [apiKey] } });
});
afterAll(() => mock.close());
beforeEach(() => mock.reset());

const contents = [{ role: 'user', parts: [{ text: 'How many r in strawberry?' }] }];

async function call(
  path: string,
  body: unknown,
  headers: Record<string, string> = { 'x-goog-api-key': apiKey },
): Promise<Response> {
  return fetch(`${mock.url}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });
}

describe('Gemini generateContent', () => {
  it('replays the recording with modelVersion set to the path model', async () => {
    const response = await call('/v1beta/models/gemini-2.5-flash:generateContent', { contents });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/json; charset=UTF-8');
    const body = (await response.json()) as {
      candidates: Array<{ content: { parts: Array<{ text: string }> }; finishReason: string }>;
      modelVersion: string;
    };
    expect(body.candidates[0]?.content.parts[0]?.text).toContain('strawberry');
    expect(body.candidates[0]?.finishReason).toBe('STOP');
    expect(body.modelVersion).toBe('gemini-2.5-flash');
  });

  it('accepts the key as ?key= too, and synthesizes function calls', async () => {
    const response = await call(
      `/v1beta/models/gemini-2.5-pro:generateContent?key=${apiKey}`,
      { contents },
      {
        'x-mock-scenario': JSON.stringify({
          kind: 'tool-call',
          toolCalls: [{ name: 'weather', arguments: { city: 'Oslo' } }],
        }),
      },
    );
    expect(response.status).toBe(200);
    const body = (await response.json()) as {
      candidates: Array<{ content: { parts: unknown[] }; finishReason: string }>;
    };
    expect(body.candidates[0]?.content.parts).toEqual([
      { functionCall: { name: 'weather', args: { city: 'Oslo' } } },
    ]);
    expect(body.candidates[0]?.finishReason).toBe('STOP');
    expect(mock.requests[0]?.query.key).toBe(apiKey);
  });
});

describe('Gemini streaming', () => {
  it('sends data-only SSE with alt=sse, no [DONE], ending when the connection closes', async () => {
    const response = await call(
      '/v1beta/models/gemini-3-pro-preview:streamGenerateContent?alt=sse',
      { contents },
    );
    expect(response.headers.get('content-type')).toBe('text/event-stream; charset=utf-8');
    const text = await response.text();
    expect(text).not.toContain('[DONE]');
    const events = parseSseText(text);
    expect(events.map((event) => event.data)).toEqual(readRecordedChunks('google-text'));
  });

  it('can frame events with \\r\\n for tolerant-parser tests', async () => {
    const crlf = await startMockProvider({ dialects: ['gemini'], geminiLineEnding: '\r\n' });
    try {
      const response = await fetch(
        `${crlf.url}/v1beta/models/gemini-3-pro-preview:streamGenerateContent?alt=sse`,
        {
          method: 'POST',
          headers: { 'x-goog-api-key': 'k', 'x-mock-scenario': 'google-tool-call' },
          body: JSON.stringify({ contents }),
        },
      );
      const text = await response.text();
      expect(text.split('\r\n\r\n').filter(Boolean)).toHaveLength(2);
      expect(parseSseText(text).map((event) => event.data)).toEqual(
        readRecordedChunks('google-tool-call'),
      );
    } finally {
      await crlf.close();
    }
  });

  it('streams a JSON array without alt=sse', async () => {
    const response = await call('/v1beta/models/gemini-3-pro-preview:streamGenerateContent', {
      contents,
    });
    const parsed = JSON.parse(await response.text()) as unknown[];
    expect(parsed).toHaveLength(readRecordedChunks('google-text').length);
  });
});

describe('Gemini embeddings', () => {
  it('embeds one content and a batch, requiring the model in each batch entry', async () => {
    const single = await call('/v1beta/models/gemini-embedding-001:embedContent', {
      content: { parts: [{ text: 'hello' }] },
      outputDimensionality: 16,
    });
    const { embedding } = (await single.json()) as { embedding: { values: number[] } };
    expect(embedding.values).toHaveLength(16);

    const batch = await call('/v1beta/models/gemini-embedding-001:batchEmbedContents', {
      requests: [
        {
          model: 'models/gemini-embedding-001',
          content: { parts: [{ text: 'hello' }] },
          outputDimensionality: 16,
        },
        {
          model: 'models/gemini-embedding-001',
          content: { parts: [{ text: 'world' }] },
          outputDimensionality: 16,
        },
      ],
    });
    const { embeddings } = (await batch.json()) as { embeddings: Array<{ values: number[] }> };
    expect(embeddings).toHaveLength(2);
    expect(embeddings[0]?.values).toEqual(embedding.values);

    const missingModel = await call('/v1beta/models/gemini-embedding-001:batchEmbedContents', {
      requests: [{ content: { parts: [{ text: 'x' }] } }],
    });
    expect(missingModel.status).toBe(400);
  });
});

describe('Gemini errors', () => {
  it('answers a wrong key with 400 API_KEY_INVALID and a missing key with 403', async () => {
    const wrong = await call(
      '/v1beta/models/gemini-2.5-flash:generateContent',
      { contents },
      { 'x-goog-api-key': 'nope' },
    );
    expect(wrong.status).toBe(400);
    expect(await wrong.json()).toMatchObject({
      error: { code: 400, status: 'INVALID_ARGUMENT', details: [{ reason: 'API_KEY_INVALID' }] },
    });

    const missing = await call('/v1beta/models/gemini-2.5-flash:generateContent', { contents }, {});
    expect(missing.status).toBe(403);
    expect(await missing.json()).toMatchObject({
      error: { code: 403, status: 'PERMISSION_DENIED' },
    });
  });

  it('answers injected faults in the google.rpc.Status shape', async () => {
    const response = await call(
      '/v1beta/models/gemini-2.5-flash:generateContent',
      { contents },
      { 'x-goog-api-key': apiKey, 'x-mock-fault': '{"status":503}' },
    );
    expect(response.status).toBe(503);
    expect(await response.json()).toEqual({
      error: {
        code: 503,
        message: 'The model is overloaded. Please try again later.',
        status: 'UNAVAILABLE',
      },
    });
  });

  it('rejects a request without contents', async () => {
    const response = await call('/v1beta/models/gemini-2.5-flash:generateContent', {});
    expect(response.status).toBe(400);
  });
});
