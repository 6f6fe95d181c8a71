import { describe, expect, it } from 'vitest';
import {
  convertOpenAiCompatibleUsage,
  readOpenAiCompatibleUsage,
} from './convert-openai-compatible-usage.js';

describe('convertOpenAiCompatibleUsage', () => {
  it("keeps OpenAI's convention: prompt includes cache reads, completion includes reasoning", () => {
    expect(
      convertOpenAiCompatibleUsage(
        {
          prompt_tokens: 100,
          completion_tokens: 50,
          prompt_tokens_details: { cached_tokens: 80, cache_write_tokens: 10 },
          completion_tokens_details: { reasoning_tokens: 30 },
        },
        {},
      ),
    ).toEqual({
      inputTokens: 100,
      outputTokens: 50,
      cacheReadTokens: 80,
      cacheWriteTokens: 10,
      reasoningTokens: 30,
    });
  });

  it('adds reasoning to output when completion_tokens exclude it (xAI)', () => {
    const usage = {
      prompt_tokens: 307,
      completion_tokens: 26,
      prompt_tokens_details: { cached_tokens: 306 },
      completion_tokens_details: { reasoning_tokens: 227 },
    };
    expect(
      convertOpenAiCompatibleUsage(usage, { completionExcludesReasoning: true }),
    ).toMatchObject({
      outputTokens: 253,
      reasoningTokens: 227,
    });
  });

  it('reads cache hits from prompt_cache_hit_tokens when declared (DeepSeek)', () => {
    const usage = {
      prompt_tokens: 100,
      completion_tokens: 1,
      prompt_cache_hit_tokens: 64,
      prompt_cache_miss_tokens: 36,
    };
    expect(
      convertOpenAiCompatibleUsage(usage, { cacheReadFromPromptCacheHit: true }).cacheReadTokens,
    ).toBe(64);
    expect(convertOpenAiCompatibleUsage(usage, {}).cacheReadTokens).toBe(0);
  });

  it('treats missing and null counts as zero', () => {
    expect(
      convertOpenAiCompatibleUsage({ prompt_tokens: null, prompt_tokens_details: null }, {}),
    ).toEqual({
      inputTokens: 0,
      outputTokens: 0,
      cacheReadTokens: 0,
      cacheWriteTokens: 0,
      reasoningTokens: 0,
    });
  });
});

describe('readOpenAiCompatibleUsage', () => {
  it('finds usage on the declared paths in order, skipping null', () => {
    const paths = [['usage'], ['x_groq', 'usage']] as const;
    expect(
      readOpenAiCompatibleUsage(
        { usage: null, x_groq: { usage: { prompt_tokens: 3 } } },
        { paths },
      ),
    ).toEqual({
      prompt_tokens: 3,
    });
    expect(
      readOpenAiCompatibleUsage(
        { usage: { prompt_tokens: 1 }, x_groq: { usage: { prompt_tokens: 3 } } },
        { paths },
      ),
    ).toEqual({ prompt_tokens: 1 });
    expect(
      readOpenAiCompatibleUsage({ x_groq: { usage: { prompt_tokens: 3 } } }, {}),
    ).toBeUndefined();
  });
});
