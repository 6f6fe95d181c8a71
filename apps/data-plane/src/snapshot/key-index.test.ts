import { describe, expect, it } from 'vitest';
import { KeyIndex } from './key-index.js';

const hash = (prefix: string) => prefix.padEnd(64, '0');
const entry = (tenantId: string) => ({ key: { tenantId } });

describe('KeyIndex', () => {
  it('edits by copying only the touched shards, leaving the old index as it was', () => {
    const first = KeyIndex.empty<ReturnType<typeof entry>>()
      .edit()
      .add([
        [hash('aaa1'), entry('t1')],
        [hash('bbb1'), entry('t2')],
      ])
      .done();
    const kept = first.get(hash('bbb1'));
    const second = first
      .edit()
      .remove([hash('aaa1')], 't1')
      .add([[hash('aaa2'), entry('t1')]])
      .done();
    expect(second.get(hash('aaa1'))).toBeUndefined();
    expect(second.get(hash('aaa2'))?.key.tenantId).toBe('t1');
    expect(second.get(hash('bbb1'))).toBe(kept);
    expect(second.size).toBe(2);
    expect(first.get(hash('aaa1'))?.key.tenantId).toBe('t1');
    expect(first.get(hash('aaa2'))).toBeUndefined();
  });

  it('does not remove an entry another tenant holds under the same hash', () => {
    const index = KeyIndex.empty<ReturnType<typeof entry>>()
      .edit()
      .add([[hash('ccc'), entry('owner')]])
      .done();
    const after = index
      .edit()
      .remove([hash('ccc')], 'someone-else')
      .done();
    expect(after.get(hash('ccc'))?.key.tenantId).toBe('owner');
    expect(after.size).toBe(1);
  });
});
