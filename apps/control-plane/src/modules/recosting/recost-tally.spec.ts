import { describe, expect, it } from 'vitest';
import type { RecostRow } from './load-request-logs.js';
import { RecostTally, type BudgetForRecost } from './recost-tally.js';

const row = (overrides: Partial<RecostRow>): RecostRow => ({
  id: 'r',
  tenantId: 't1',
  apiKeyId: null,
  provider: 'openai',
  servedModel: null,
  requestedModel: 'gpt',
  tags: [],
  status: 200,
  modelId: 'm',
  cacheHit: false,
  budgetIds: [],
  inputTokens: 10,
  outputTokens: 5,
  cacheReadTokens: 0,
  cacheWriteTokens: 0,
  reasoningTokens: 0,
  costNanoUsd: 100n,
  createdAt: new Date('2026-03-17T23:30:00Z'),
  ...overrides,
});
const priced = (costNanoUsd: bigint) => ({ kind: 'priced' as const, costNanoUsd });

describe('RecostTally', () => {
  it('sums old and new totals, keeping the stored cost of skipped requests', () => {
    const tally = new RecostTally();
    expect(tally.count(row({ id: 'a' }), priced(150n))).toBe(150n);
    expect(tally.count(row({ id: 'b' }), priced(100n))).toBeUndefined();
    expect(tally.count(row({ id: 'c', modelId: null }), 'no_model')).toBeUndefined();
    expect(tally.count(row({ id: 'd' }), { kind: 'skipped', reason: 'no_price' })).toBe(undefined);
    expect(tally.count(row({ id: 'e' }), { kind: 'skipped', reason: 'invalid_usage' })).toBe(
      undefined,
    );
    expect(tally.summary(true)).toMatchObject({
      dryRun: true,
      rowsExamined: 5,
      rowsChanged: 1,
      rowsSkipped: 3,
      rowsWithoutModel: 1,
      rowsWithoutPrice: 1,
      rowsWithInvalidUsage: 1,
      oldTotalNanoUsd: '500',
      newTotalNanoUsd: '550',
    });
  });

  it('keys the rollups of changed requests like the worker: per distinct tag, "" for none', () => {
    const tally = new RecostTally();
    tally.addChanges(
      [
        { row: row({ id: 'a', tags: ['x', 'y', 'x'], apiKeyId: 'k' }), costNanoUsd: 1n },
        { row: row({ id: 'b', servedModel: 'gpt-2026' }), costNanoUsd: 1n },
      ],
      new Map(),
    );
    expect(tally.rollupsToRebuild('hour')).toEqual([
      expect.objectContaining({ apiKeyId: '', model: 'gpt-2026', tag: '' }),
      expect.objectContaining({ apiKeyId: 'k', model: 'gpt', tag: 'x' }),
      expect.objectContaining({ apiKeyId: 'k', model: 'gpt', tag: 'y' }),
    ]);
    expect(tally.rollupsToRebuild('day')[0]?.bucketStart).toEqual(new Date('2026-03-17Z'));
  });

  it('moves budget spend by the change, in the tenant’s periods, and only for its own budgets', () => {
    const budgets = new Map<string, BudgetForRecost>([
      ['daily', { tenantId: 't1', period: 'DAILY', timeZone: 'America/New_York' }],
      ['foreign', { tenantId: 't2', period: 'DAILY', timeZone: 'UTC' }],
    ]);
    const tally = new RecostTally();
    tally.addChanges(
      [
        { row: row({ id: 'a', budgetIds: ['daily', 'foreign', 'gone'] }), costNanoUsd: 130n },
        // Next UTC day, but the same New York day; a decrease that cancels part of the first.
        {
          row: row({ id: 'b', budgetIds: ['daily'], createdAt: new Date('2026-03-18T01:00Z') }),
          costNanoUsd: 90n,
        },
      ],
      budgets,
    );
    expect(tally.budgetChanges()).toEqual([
      { budgetId: 'daily', periodStart: new Date('2026-03-17T04:00:00Z'), deltaNanoUsd: 20n },
    ]);
  });

  it('drops budget changes that cancel out', () => {
    const budgets = new Map<string, BudgetForRecost>([
      ['monthly', { tenantId: 't1', period: 'MONTHLY', timeZone: 'UTC' }],
    ]);
    const tally = new RecostTally();
    tally.addChanges(
      [
        { row: row({ id: 'a', budgetIds: ['monthly'] }), costNanoUsd: 110n },
        { row: row({ id: 'b', budgetIds: ['monthly'] }), costNanoUsd: 90n },
      ],
      budgets,
    );
    expect(tally.budgetChanges()).toEqual([]);
    expect(tally.summary(false).budgetPeriodsAdjusted).toBe(0);
  });
});
