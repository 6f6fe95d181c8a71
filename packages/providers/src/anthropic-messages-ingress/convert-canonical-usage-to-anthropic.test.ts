import { describe, expect, it } from 'vitest';
import { convertCanonicalUsageToAnthropic } from './convert-canonical-usage-to-anthropic.js';

describe('convertCanonicalUsageToAnthropic', () => {
  it('takes cache reads and writes out of input_tokens, as Anthropic counts them', () => {
    expect(
      convertCanonicalUsageToAnthropic({
        prompt_tokens: 1000,
        completion_tokens: 70,
        total_tokens: 1070,
        prompt_tokens_details: { cached_tokens: 800, cache_write_tokens: 150 },
        completion_tokens_details: { reasoning_tokens: 30 },
      }),
    ).toEqual({
      input_tokens: 50,
      output_tokens: 70,
      cache_creation_input_tokens: 150,
      cache_read_input_tokens: 800,
    });
  });

  it('reports zeros when the upstream sent no usage', () => {
    expect(convertCanonicalUsageToAnthropic(undefined)).toEqual({
      input_tokens: 0,
      output_tokens: 0,
      cache_creation_input_tokens: 0,
      cache_read_input_tokens: 0,
    });
  });
});
