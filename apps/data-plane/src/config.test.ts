import { describe, expect, it } from 'vitest';
import { loadConfig } from './config.js';

const required = { SWITCHYARD_MASTER_KEYS: 'k1:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=' };

describe('loadConfig', () => {
  it('bounds old-space growth to 25 % of live size unless told otherwise', () => {
    expect(loadConfig(required).HEAP_GROWTH_PERCENT).toBe(25);
    expect(loadConfig({ ...required, HEAP_GROWTH_PERCENT: '0' }).HEAP_GROWTH_PERCENT).toBe(0);
  });

  it("lowers V8's helper threads to nice 10 unless told otherwise", () => {
    expect(loadConfig(required).HELPER_THREAD_NICE).toBe(10);
    expect(loadConfig({ ...required, HELPER_THREAD_NICE: '0' }).HELPER_THREAD_NICE).toBe(0);
    expect(() => loadConfig({ ...required, HELPER_THREAD_NICE: '20' })).toThrow(
      /HELPER_THREAD_NICE/,
    );
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
