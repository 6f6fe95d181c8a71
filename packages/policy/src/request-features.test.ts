import { describe, expect, it } from 'vitest';
import { estimatePromptTokens, tokensPerImage } from './estimate-prompt-tokens.js';
import { extractRequestFeatures } from './request-features.js';

const metadata = {
  keyId: 'key_1',
  endUser: 'alice',
  tags: ['team:search', 'beta'],
  headers: { 'x-tier': 'gold' },
};

describe('extractRequestFeatures', () => {
  it('reads tools, images, audio, files, structured output, streaming and max output', () => {
    const request = {
      model: 'fast',
      stream: true,
      max_tokens: 100,
      max_completion_tokens: 200,
      response_format: { type: 'json_schema' },
      tools: [{ type: 'function', function: { name: 'lookup' } }],
      messages: [
        {
          role: 'user',
          content: [
            { type: 'text', text: 'look' },
            { type: 'image_url', image_url: { url: 'https://x/y.png' } },
          ],
        },
        {
          role: 'user',
          content: [
            { type: 'input_audio', input_audio: { data: 'AAAA', format: 'wav' } },
            { type: 'file', file: { file_data: 'JVBE' } },
          ],
        },
      ],
    };
    const features = extractRequestFeatures(request, metadata);
    expect(features).toMatchObject({
      requestedModel: 'fast',
      tools: true,
      images: true,
      audio: true,
      documents: true,
      jsonOutput: 'json_schema',
      streaming: true,
      maxOutputTokens: 200,
      keyId: 'key_1',
      endUser: 'alice',
    });
  });

  it('turns header tags and body metadata into name/value pairs', () => {
    const features = extractRequestFeatures(
      {
        model: 'fast',
        messages: [{ role: 'user', content: 'x' }],
        metadata: { feature: 'autocomplete', team: 'ads' },
      },
      metadata,
    );
    expect(Object.fromEntries(features.tags)).toEqual({
      team: 'ads',
      beta: '',
      feature: 'autocomplete',
    });
    expect(features.tools).toBe(false);
    expect(features.jsonOutput).toBeUndefined();
  });
});

describe('estimatePromptTokens', () => {
  it('counts about four characters per token plus message framing', () => {
    const text = 'a'.repeat(4_000);
    const estimate = estimatePromptTokens({ messages: [{ content: text }] });
    expect(estimate).toBe(1_000 + 4 + 3);
  });

  it('adds a fixed cost per image and sizes tools and tool calls from their JSON', () => {
    const withImage = estimatePromptTokens({
      messages: [{ content: [{ type: 'image_url', image_url: { url: 'u' } }] }],
    });
    expect(withImage).toBe(tokensPerImage + 7);
    const tools = [{ type: 'function', function: { name: 'n'.repeat(400) } }];
    expect(estimatePromptTokens({ messages: [{ content: '' }], tools })).toBeGreaterThan(100);
  });
});
