import { createPrismaClient, type Database } from '@switchyard/db';
import { budgetCounterKey, budgetPeriod } from '@switchyard/usage';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { reconcileBudgetCounters } from '../src/budgets/reconcile-budget-counters.js';
import { startWorker } from '../src/start-worker.js';
import {
  createBudget,
  createTenant,
  deploymentPrefix,
  testWorkerConfig,
  waitFor,
} from './helpers/alert-fixtures.js';

let db: Database;
let redis: Redis;

beforeAll(() => {
  db = createPrismaClient(inject('TEST_DATABASE_URL'));
  redis = new Redis(inject('TEST_REDIS_URL'));
});
afterAll(async () => {
  redis.disconnect();
  await db.$disconnect();
});

/** A daily budget of a UTC tenant with `spent` recorded in Postgres for the current period. */
async function budgetWithSpend(spent: bigint, options: { enabled?: boolean } = {}) {
  const tenantId = await createTenant(db);
  const budget = await createBudget(db, tenantId, { limitNanoUsd: 10n ** 18n, ...options });
  const period = budgetPeriod('DAILY', 'UTC', Date.now());
  await db.budgetSpend.create({
    data: {
      budgetId: budget.id,
      periodStart: new Date(period.startMs),
      spentNanoUsd: spent,
      requestCount: 1n,
    },
  });
  return { tenantId, budgetId: budget.id, period };
}

describe('budget counter reconciliation', () => {
  it('raises a counter Redis lost to the Postgres spend, and never lowers one that is ahead', async () => {
    const prefix = deploymentPrefix();
    const key = (state: Awaited<ReturnType<typeof budgetWithSpend>>) =>
      budgetCounterKey(prefix, state.tenantId, state.budgetId, state.period.key);
    const lowered = await budgetWithSpend(5_000_000n);
    const ahead = await budgetWithSpend(5_000_000n);
    const missing = await budgetWithSpend(7_000_000n);
    // Beyond 2^53, where a Lua number comparison would call these equal.
    const huge = await budgetWithSpend(9_007_199_254_740_993n);
    const disabled = await budgetWithSpend(3_000_000n, { enabled: false });
    await redis.hset(key(lowered), { spent: '1000000', reserved: '-250' });
    await redis.expire(key(lowered), 3_600);
    await redis.hset(key(ahead), { spent: '9000000', reserved: '400' });
    await redis.hset(key(huge), { spent: '9007199254740992', reserved: '0' });

    const result = await reconcileBudgetCounters({ db, redis, redisPrefix: prefix });
    expect(result.raised).toBeGreaterThanOrEqual(3);
    expect(await redis.hgetall(key(lowered))).toEqual({ spent: '5000000', reserved: '0' });
    // The data plane's TTL is kept; a counter created here gets one too.
    expect(await redis.ttl(key(lowered))).toBeGreaterThan(0);
    expect(await redis.ttl(key(lowered))).toBeLessThanOrEqual(3_600);
    expect(await redis.hgetall(key(ahead))).toEqual({ spent: '9000000', reserved: '400' });
    expect(await redis.hgetall(key(missing))).toEqual({ spent: '7000000' });
    expect(await redis.ttl(key(missing))).toBeGreaterThan(missing.period.secondsLeft);
    expect(await redis.hget(key(huge), 'spent')).toBe('9007199254740993');
    expect(await redis.exists(key(disabled))).toBe(0);

    // A second pass has nothing left to correct for these budgets.
    await reconcileBudgetCounters({ db, redis, redisPrefix: prefix });
    expect(await redis.hget(key(lowered), 'spent')).toBe('5000000');
    expect(await redis.hget(key(ahead), 'spent')).toBe('9000000');
  });

  it('runs as a repeatable job in the worker and counts its corrections', async () => {
    const prefix = deploymentPrefix();
    const state = await budgetWithSpend(4_200_000n);
    const counter = budgetCounterKey(prefix, state.tenantId, state.budgetId, state.period.key);
    await redis.hset(counter, { spent: '100', reserved: '0' });
    const worker = await startWorker(testWorkerConfig(prefix, { RECONCILE_INTERVAL_MS: '1000' }));
    try {
      await waitFor(
        'the counter raised',
        async () => (await redis.hget(counter, 'spent')) === '4200000',
      );
      const metrics = await (await fetch(`${worker.url}/metrics`)).text();
      expect(metrics).toMatch(
        /switchyard_worker_budget_counter_corrections_total\{field="spent"\} [1-9]/,
      );
    } finally {
      await worker.close();
    }
  });
});
