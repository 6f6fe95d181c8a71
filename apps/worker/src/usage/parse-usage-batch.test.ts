import { describe, expect, it } from 'vitest';
import { usageEvent } from '../__fixtures__/usage-events.js';
import { InvalidUsageBatchError, parseUsageBatch } from './parse-usage-batch.js';

describe('parseUsageBatch', () => {
  it('keeps valid events, reports invalid ones, and drops repeats of a request id', () => {
    const parsed = parseUsageBatch({
      batchId: 'b1',
      events: [
        usageEvent({ requestId: 'r1' }),
        { ...usageEvent({ requestId: 'r2' }), costNanoUsd: 12.5 },
        usageEvent({ requestId: 'r1', costNanoUsd: '999' }),
        'not an event',
      ],
    });
    expect(parsed.events.map((event) => [event.requestId, event.costNanoUsd])).toEqual([
      ['r1', '4375000'],
    ]);
    expect(parsed.invalid.map((invalid) => [invalid.index, invalid.requestId])).toEqual([
      [1, 'r2'],
      [3, undefined],
    ]);
    expect(parsed.invalid[0]?.issues.join()).toMatch(/costNanoUsd/);
    expect(parsed.repeatedInBatch).toBe(1);
  });

  it('rejects a payload that is not a batch', () => {
    expect(() => parseUsageBatch({ events: [] })).toThrow(InvalidUsageBatchError);
    expect(() => parseUsageBatch(null)).toThrow(InvalidUsageBatchError);
  });
});
