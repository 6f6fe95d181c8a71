import { describe, expect, it } from 'vitest';
import { loadConfig } from './config.js';

const required = { SWITCHYARD_MASTER_KEYS: 'k1:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=' };

describe('loadConfig', () => {
  it('bounds old-space growth to 50 % of live size unless told otherwise', () => {
    expect(loadConfig(required).HEAP_GROWTH_PERCENT).toBe(50);
    expect(loadConfig({ ...required, HEAP_GROWTH_PERCENT: '0' }).HEAP_GROWTH_PERCENT).toBe(0);
  });

  it('names every bad variable', () => {
    const bad = { ...required, HEAP_GROWTH_PERCENT: 'lots', DATA_PLANE_PORT: '70000' };
    expect(() => loadConfig(bad)).toThrow(/HEAP_GROWTH_PERCENT/);
    expect(() => loadConfig(bad)).toThrow(/DATA_PLANE_PORT/);
    expect(() => loadConfig({ ...required, HEAP_GROWTH_PERCENT: '-5' })).toThrow(
      /HEAP_GROWTH_PERCENT/,
    );
    expect(() => loadConfig({})).toThrow(/SWITCHYARD_MASTER_KEYS/);
  });
});
