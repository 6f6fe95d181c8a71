import { describe, expect, it } from 'vitest';
import type { CompiledDeployment } from '../snapshot/compiled-snapshot.js';
import { KeyRotation } from './key-rotation.js';

const deployment = (keys: number) =>
  ({
    account: { id: 'account' },
    keys: Array.from({ length: keys }, (_, index) => ({
      id: `key-${index}`,
      secret: `s${index}`,
      weight: 1,
    })),
  }) as unknown as CompiledDeployment;

describe('KeyRotation', () => {
  it("spreads requests round-robin over an account's keys", () => {
    const rotation = new KeyRotation();
    const candidate = deployment(3);
    expect([0, 1, 2, 3].map(() => rotation.pick(candidate, 0))).toEqual([0, 1, 2, 0]);
  });

  it('rests a key that got a 429 until its retry-after passed', () => {
    const rotation = new KeyRotation();
    const candidate = deployment(2);
    rotation.rest(candidate, 0, 1_000);
    expect([0, 1, 2].map(() => rotation.pick(candidate, 500))).toEqual([1, 1, 1]);
    expect(rotation.hasFreeKey(candidate, 500)).toBe(true);
    rotation.rest(candidate, 1, 1_000);
    expect(rotation.hasFreeKey(candidate, 500)).toBe(false);
    expect(new Set([0, 1].map(() => rotation.pick(candidate, 1_000)))).toEqual(new Set([0, 1]));
  });

  it('never claims a free alternative for a single-key account', () => {
    expect(new KeyRotation().hasFreeKey(deployment(1), 0)).toBe(false);
  });
});
