import { describe, expect, it } from 'vitest';
import { testProfile, testTarget } from './__fixtures__/test-profile.js';
import { thrownBy } from './__fixtures__/replay-sse.js';
import { convertToOpenAiCompatibleCompletionsRequest } from './convert-to-openai-compatible-completions-request.js';

describe('convertToOpenAiCompatibleCompletionsRequest', () => {
  const rules = { unsupportedParameters: new Set(['suffix']), stringPromptOnly: true };

  it('passes the body through with the target model, unknown extras included', () => {
    expect(
      convertToOpenAiCompatibleCompletionsRequest(
        { model: 'alias', prompt: 'a', stream: true, best_of: 2 },
        testTarget,
        testProfile(),
        rules,
        'reject',
      ),
    ).toEqual({
      body: { model: 'acme-large', prompt: 'a', stream: true, best_of: 2 },
      dropped: [],
    });
  });

  it('gates known-unsupported fields and refuses non-string prompts', () => {
    expect(
      convertToOpenAiCompatibleCompletionsRequest(
        { model: 'a', prompt: 'x', suffix: 'y' },
        testTarget,
        testProfile(),
        rules,
        'drop',
      ),
    ).toEqual({ body: { model: 'acme-large', prompt: 'x' }, dropped: ['suffix'] });
    expect(
      thrownBy(() =>
        convertToOpenAiCompatibleCompletionsRequest(
          { model: 'a', prompt: [1, 2] },
          testTarget,
          testProfile(),
          rules,
          'drop',
        ),
      ),
    ).toMatchObject({ param: 'prompt' });
  });
});
