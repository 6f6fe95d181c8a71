import { describe, expect, it } from 'vitest';
import { rejectOptions, testProfile, testTarget } from './__fixtures__/test-profile.js';
import { createOpenAiCompatibleAdapter } from './create-openai-compatible-adapter.js';

const hello = { model: 'alias', messages: [{ role: 'user' as const, content: 'Hi' }] };

describe('createOpenAiCompatibleAdapter', () => {
  it('exposes the profile identity and builds the chat request', () => {
    const adapter = createOpenAiCompatibleAdapter(testProfile());
    expect([adapter.id, adapter.displayName]).toEqual(['acme', 'Acme']);
    expect(adapter.mapChatRequest(hello, testTarget, rejectOptions)).toEqual({
      http: {
        method: 'POST',
        url: 'https://api.acme.test/v1/chat/completions',
        headers: { 'content-type': 'application/json', authorization: 'Bearer key-1' },
        body: '{"model":"acme-large","messages":[{"role":"user","content":"Hi"}]}',
      },
      dropped: [],
    });
  });

  it("uses the profile's default base URL, strips trailing slashes and adds extra headers", () => {
    const adapter = createOpenAiCompatibleAdapter(
      testProfile({ extraHeaders: () => ({ 'x-extra': '1' }) }),
    );
    const emptyBase = adapter.mapChatRequest(
      hello,
      { ...testTarget, baseUrl: '' },
      rejectOptions,
    ).http;
    expect(emptyBase.url).toBe('https://api.acme.test/v1/chat/completions');
    expect(emptyBase.headers['x-extra']).toBe('1');
    const slashed = adapter.mapChatRequest(
      hello,
      { ...testTarget, baseUrl: 'http://h:1/v1//' },
      rejectOptions,
    ).http;
    expect(slashed.url).toBe('http://h:1/v1/chat/completions');
  });

  it('builds auth from a function, and omits an optional bearer without key', () => {
    const custom = createOpenAiCompatibleAdapter(
      testProfile({ auth: (target) => ({ 'x-key': target.apiKey }) }),
    );
    expect(custom.mapChatRequest(hello, testTarget, rejectOptions).http.headers).toEqual({
      'content-type': 'application/json',
      'x-key': 'key-1',
    });
    const optional = createOpenAiCompatibleAdapter(testProfile({ auth: 'optional-bearer' }));
    expect(
      optional.mapChatRequest(hello, { ...testTarget, apiKey: '' }, rejectOptions).http.headers,
    ).toEqual({
      'content-type': 'application/json',
    });
  });

  it('offers embeddings and completions only when the profile has them', () => {
    const bare = createOpenAiCompatibleAdapter(
      testProfile({ embeddings: undefined, completions: undefined }),
    );
    expect(bare.mapEmbeddingsRequest).toBeUndefined();
    expect(bare.mapCompletionsRequest).toBeUndefined();
    const full = createOpenAiCompatibleAdapter(testProfile());
    expect(
      full.mapEmbeddingsRequest?.({ model: 'e', input: 'x' }, testTarget, rejectOptions).http.url,
    ).toBe('https://api.acme.test/v1/embeddings');
    expect(
      full.mapCompletionsRequest?.({ model: 'c', prompt: 'x' }, testTarget, rejectOptions).http.url,
    ).toBe('https://api.acme.test/v1/completions');
  });

  it('uses the profile URL builder for every endpoint', () => {
    const adapter = createOpenAiCompatibleAdapter(
      testProfile({ buildUrl: (target, endpoint) => `${target.baseUrl}/x/${endpoint}?v=1` }),
    );
    expect(adapter.mapChatRequest(hello, testTarget, rejectOptions).http.url).toBe(
      'https://api.acme.test/v1/x/chat/completions?v=1',
    );
  });
});
