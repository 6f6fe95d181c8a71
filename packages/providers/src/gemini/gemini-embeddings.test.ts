import { describe, expect, it } from 'vitest';
import type { MapRequestOptions, UpstreamTarget } from '../spec/adapter.js';
import { geminiAdapter } from './gemini-adapter.js';

const target: UpstreamTarget = {
  provider: 'gemini',
  baseUrl: 'https://generativelanguage.googleapis.com',
  apiKey: 'k',
  model: 'gemini-embedding-001',
};
const reject: MapRequestOptions = { unsupported: 'reject', now: new Date(0) };
const headers = { 'content-type': 'application/json', 'x-goog-api-key': 'k' };

const mapRequest = geminiAdapter.mapEmbeddingsRequest?.bind(geminiAdapter);
const mapResponse = geminiAdapter.mapEmbeddingsResponse?.bind(geminiAdapter);

describe('Gemini embeddings', () => {
  it('sends one string to :embedContent with outputDimensionality', () => {
    expect(mapRequest?.({ model: 'm', input: 'hello', dimensions: 256 }, target, reject)).toEqual({
      http: {
        method: 'POST',
        url: 'https://generativelanguage.googleapis.com/v1beta/models/gemini-embedding-001:embedContent',
        headers,
        body: JSON.stringify({
          content: { parts: [{ text: 'hello' }] },
          outputDimensionality: 256,
        }),
      },
      dropped: [],
    });
  });

  it('sends a list to :batchEmbedContents, repeating the model on every entry', () => {
    const mapped = mapRequest?.(
      { model: 'm', input: ['a', 'b'], encoding_format: 'float' },
      target,
      reject,
    );
    expect(mapped?.http.url).toBe(
      'https://generativelanguage.googleapis.com/v1beta/models/gemini-embedding-001:batchEmbedContents',
    );
    expect(JSON.parse(mapped?.http.body ?? '')).toEqual({
      requests: [
        { model: 'models/gemini-embedding-001', content: { parts: [{ text: 'a' }] } },
        { model: 'models/gemini-embedding-001', content: { parts: [{ text: 'b' }] } },
      ],
    });
  });

  it('refuses token arrays by name, and gates unsupported parameters', () => {
    expect(() => mapRequest?.({ model: 'm', input: [1, 2, 3] }, target, reject)).toThrow(
      expect.objectContaining({ code: 'invalid_request', param: 'input' }),
    );
    expect(() => mapRequest?.({ model: 'm', input: 'x', user: 'u' }, target, reject)).toThrow(
      expect.objectContaining({ code: 'unsupported_parameter', param: 'user' }),
    );
    expect(
      mapRequest?.({ model: 'm', input: 'x', user: 'u' }, target, {
        ...reject,
        unsupported: 'drop',
      })?.dropped,
    ).toEqual(['user']);
  });

  it('maps single and batch answers to an OpenAI list with zero usage (Gemini reports none)', () => {
    expect(mapResponse?.({ embedding: { values: [0.1, -0.2] } }, target)).toEqual({
      body: {
        object: 'list',
        model: 'gemini-embedding-001',
        data: [{ object: 'embedding', index: 0, embedding: [0.1, -0.2] }],
        usage: { prompt_tokens: 0, total_tokens: 0 },
      },
      usage: {
        inputTokens: 0,
        outputTokens: 0,
        cacheReadTokens: 0,
        cacheWriteTokens: 0,
        reasoningTokens: 0,
      },
      servedModel: 'gemini-embedding-001',
    });
    expect(
      mapResponse?.({ embeddings: [{ values: [1] }, { values: [2] }] }, target).body.data,
    ).toEqual([
      { object: 'embedding', index: 0, embedding: [1] },
      { object: 'embedding', index: 1, embedding: [2] },
    ]);
    expect(() => mapResponse?.({ nope: true }, target)).toThrow(
      expect.objectContaining({ code: 'upstream_server_error' }),
    );
  });
});
