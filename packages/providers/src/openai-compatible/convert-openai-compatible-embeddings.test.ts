import { describe, expect, it } from 'vitest';
import { testProfile, testTarget } from './__fixtures__/test-profile.js';
import { thrownBy } from './__fixtures__/replay-sse.js';
import {
  convertOpenAiCompatibleEmbeddingsResponse,
  convertToOpenAiCompatibleEmbeddingsRequest,
} from './convert-openai-compatible-embeddings.js';

const rules = { parameters: new Set(['model', 'input', 'dimensions']), tokenInput: false };

describe('convertToOpenAiCompatibleEmbeddingsRequest', () => {
  it('forwards supported fields with the target model and gates the rest', () => {
    expect(
      convertToOpenAiCompatibleEmbeddingsRequest(
        { model: 'alias', input: ['a'], dimensions: 8, user: 'u', encoding_format: undefined },
        testTarget,
        testProfile(),
        rules,
        'drop',
      ),
    ).toEqual({ body: { model: 'acme-large', input: ['a'], dimensions: 8 }, dropped: ['user'] });
  });

  it('refuses token input when the provider takes text only, even in drop mode', () => {
    expect(
      thrownBy(() =>
        convertToOpenAiCompatibleEmbeddingsRequest(
          { model: 'a', input: [[1, 2]] },
          testTarget,
          testProfile(),
          rules,
          'drop',
        ),
      ),
    ).toMatchObject({ param: 'input', status: 400 });
  });
});

describe('convertOpenAiCompatibleEmbeddingsResponse', () => {
  it('normalises the list and counts prompt tokens as input', () => {
    const mapped = convertOpenAiCompatibleEmbeddingsResponse(
      {
        object: 'list',
        model: 'acme-embed',
        data: [{ object: 'embedding', index: 0, embedding: [0.1, -0.2] }],
        usage: { prompt_tokens: 5, total_tokens: 5 },
        id: 'extra-field',
      },
      testTarget,
      testProfile(),
    );
    expect(mapped).toEqual({
      body: {
        object: 'list',
        model: 'acme-embed',
        data: [{ object: 'embedding', index: 0, embedding: [0.1, -0.2] }],
        usage: { prompt_tokens: 5, total_tokens: 5 },
      },
      usage: {
        inputTokens: 5,
        outputTokens: 0,
        cacheReadTokens: 0,
        cacheWriteTokens: 0,
        reasoningTokens: 0,
      },
      servedModel: 'acme-embed',
    });
  });

  it('throws on malformed bodies and on error bodies', () => {
    expect(
      thrownBy(() =>
        convertOpenAiCompatibleEmbeddingsResponse({ data: 'x' }, testTarget, testProfile()),
      ),
    ).toMatchObject({
      code: 'upstream_invalid_response',
    });
    expect(
      thrownBy(() =>
        convertOpenAiCompatibleEmbeddingsResponse(
          { error: { message: 'm', type: 'invalid_request_error' } },
          testTarget,
          testProfile(),
        ),
      ),
    ).toMatchObject({ code: 'upstream_bad_request', status: 400 });
  });
});
