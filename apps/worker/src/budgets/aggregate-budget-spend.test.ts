import { describe, expect, it } from 'vitest';
import { aggregateBudgetSpend, type BudgetForSpend } from './aggregate-budget-spend.js';

const budgets = new Map<string, BudgetForSpend>([
  ['daily', { id: 'daily', tenantId: 't', period: 'DAILY', timeZone: 'America/New_York' }],
  ['monthly', { id: 'monthly', tenantId: 't', period: 'MONTHLY', timeZone: 'UTC' }],
  ['other-tenant', { id: 'other-tenant', tenantId: 'u', period: 'DAILY', timeZone: 'UTC' }],
]);

describe('aggregateBudgetSpend', () => {
  it('adds each request to every budget it reserved against, per period', () => {
    const { increments, unknownBudgetIds } = aggregateBudgetSpend(
      [
        {
          tenantId: 't',
          budgetIds: ['daily', 'monthly'],
          costNanoUsd: 5n,
          occurredAt: new Date('2026-03-17T03:00:00Z'),
        },
        {
          tenantId: 't',
          budgetIds: ['daily', 'daily'],
          costNanoUsd: 7n,
          occurredAt: new Date('2026-03-17T05:00:00Z'),
        },
        {
          tenantId: 't',
          budgetIds: ['gone', 'other-tenant'],
          costNanoUsd: 11n,
          occurredAt: new Date('2026-03-17T05:00:00Z'),
        },
      ],
      budgets,
    );
    expect(
      increments.map((row) => [
        row.budgetId,
        row.periodStart.toISOString(),
        row.spentNanoUsd,
        row.requestCount,
      ]),
    ).toEqual([
      // 03:00Z is still the 16th in New York; 05:00Z is the 17th.
      ['daily', '2026-03-16T04:00:00.000Z', 5n, 1n],
      ['daily', '2026-03-17T04:00:00.000Z', 7n, 1n],
      ['monthly', '2026-03-01T00:00:00.000Z', 5n, 1n],
    ]);
    expect(unknownBudgetIds).toEqual(['gone', 'other-tenant']);
  });
});
