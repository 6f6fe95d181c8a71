import { describe, expect, it } from 'vitest';
import { mapCanonicalFinishReason } from './map-canonical-finish-reason.js';

describe('mapCanonicalFinishReason', () => {
  it.each([
    ['stop', 'end_turn'],
    ['length', 'max_tokens'],
    ['tool_calls', 'tool_use'],
    ['function_call', 'tool_use'],
    ['content_filter', 'refusal'],
    [null, 'end_turn'],
    [undefined, 'end_turn'],
  ] as const)('%s → %s', (finishReason, stopReason) => {
    expect(mapCanonicalFinishReason(finishReason)).toBe(stopReason);
  });
});
