import { describe, expect, it } from 'vitest';
import { createRequestGate } from './openai-compatible-gate.js';

describe('createRequestGate', () => {
  it('refuses with a 400 naming the parameter and the target in reject mode', () => {
    const gate = createRequestGate('Acme (m)', 'reject');
    expect(() => gate.allow('messages[].name', false, 'no names')).toThrow(
      expect.objectContaining({
        status: 400,
        param: 'messages[].name',
        message: expect.stringContaining('Acme (m) (no names)'),
      }),
    );
  });

  it('records each drop once in drop mode', () => {
    const gate = createRequestGate('Acme', 'drop');
    expect(gate.allow('messages[].name', false)).toBe(false);
    expect(gate.allow('messages[].name', false)).toBe(false);
    expect(gate.allow('seed', true)).toBe(true);
    gate.parameters({ top_k: 1, seed: null, model: 'm' }, new Set(['model']));
    expect(gate.dropped()).toEqual(['messages[].name', 'top_k']);
    expect(gate.isDropped('top_k')).toBe(true);
  });

  it('refuses what cannot be dropped even in drop mode', () => {
    const gate = createRequestGate('Acme', 'drop');
    expect(() => gate.refuse('input', 'text only')).toThrow(
      expect.objectContaining({ param: 'input' }),
    );
  });
});
