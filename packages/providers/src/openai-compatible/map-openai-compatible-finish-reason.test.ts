import { describe, expect, it } from 'vitest';
import { mapOpenAiCompatibleFinishReason } from './map-openai-compatible-finish-reason.js';

describe('mapOpenAiCompatibleFinishReason', () => {
  it("passes OpenAI's values and keeps null for an unfinished choice", () => {
    for (const reason of ['stop', 'length', 'tool_calls', 'content_filter', 'function_call']) {
      expect(mapOpenAiCompatibleFinishReason(reason, {})).toBe(reason);
    }
    expect(mapOpenAiCompatibleFinishReason(null, {})).toBeNull();
    expect(mapOpenAiCompatibleFinishReason(undefined, {})).toBeNull();
  });

  it("applies the profile's own values first, and reads unknown ones as stop", () => {
    const profile = { finishReasons: { model_length: 'length', error: 'error' } } as const;
    expect(mapOpenAiCompatibleFinishReason('model_length', profile)).toBe('length');
    expect(mapOpenAiCompatibleFinishReason('error', profile)).toBe('error');
    expect(mapOpenAiCompatibleFinishReason('eos', profile)).toBe('stop');
  });
});
