import { describe, expect, it } from 'vitest';
import { convertAnthropicUsage, mergeAnthropicUsage } from './convert-anthropic-usage.js';

describe('convertAnthropicUsage', () => {
  it('adds cache reads and writes to input_tokens, which excludes them', () => {
    expect(
      convertAnthropicUsage({
        input_tokens: 12,
        cache_read_input_tokens: 1000,
        cache_creation_input_tokens: 200,
        output_tokens: 50,
        output_tokens_details: { thinking_tokens: 30 },
      }),
    ).toEqual({
      inputTokens: 1212,
      outputTokens: 50,
      cacheReadTokens: 1000,
      cacheWriteTokens: 200,
      reasoningTokens: 30,
    });
  });

  it('treats missing counters as zero', () => {
    expect(
      convertAnthropicUsage({ input_tokens: 3, output_tokens: 4, cache_read_input_tokens: null }),
    ).toEqual({
      inputTokens: 3,
      outputTokens: 4,
      cacheReadTokens: 0,
      cacheWriteTokens: 0,
      reasoningTokens: 0,
    });
  });
});

describe('mergeAnthropicUsage', () => {
  it('lets cumulative message_delta counters replace message_start ones, keeping what it omits', () => {
    const started = { input_tokens: 849, cache_read_input_tokens: 7, output_tokens: 10 };
    expect(mergeAnthropicUsage(started, { output_tokens: 47, input_tokens: null })).toEqual({
      input_tokens: 849,
      output_tokens: 47,
      cache_creation_input_tokens: undefined,
      cache_read_input_tokens: 7,
      output_tokens_details: undefined,
    });
  });
});
