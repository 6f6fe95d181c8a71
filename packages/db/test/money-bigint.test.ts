// Money is integer nano-USD in BIGINT columns. These tests prove values beyond 2^53 (where a
// JavaScript number would silently round) survive the Prisma client, the pg driver adapter and
// PostgreSQL exactly, including sums computed by the database.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  applyMigrations,
  createDatabase,
  databaseUrlWithName,
  dropDatabase,
  randomDatabaseName,
} from '../../../prisma/migration-engine.mjs';
import {
  BudgetAction,
  BudgetPeriod,
  BudgetScopeType,
  createPrismaClient,
  disconnect,
  type Database,
} from '../src/index.js';

const adminUrl = process.env.DATABASE_ADMIN_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const databaseUrl = databaseUrlWithName(adminUrl, randomDatabaseName('sy_dbtest_money'));

const MAX_INT64 = 9_223_372_036_854_775_807n;
/** 2^53 + 1: the first integer a JavaScript number cannot hold. */
const BEYOND_FLOAT = 9_007_199_254_740_993n;

let db: Database;

beforeAll(async () => {
  await createDatabase(databaseUrl);
  await applyMigrations(databaseUrl);
  db = createPrismaClient(databaseUrl);
});

afterAll(async () => {
  await disconnect(db);
  await dropDatabase(databaseUrl);
});

describe('BigInt nano-USD columns', () => {
  it('round-trip the largest BIGINT exactly', async () => {
    const tenant = await db.tenant.create({ data: { name: 'Money', slug: 'money' } });
    await db.requestLog.create({
      data: {
        id: 'req_max_int64',
        tenantId: tenant.id,
        requestedModel: 'gpt-4.1-mini',
        status: 200,
        latencyMs: 5,
        costNanoUsd: MAX_INT64,
      },
    });

    const stored = await db.requestLog.findUniqueOrThrow({ where: { id: 'req_max_int64' } });
    expect(typeof stored.costNanoUsd).toBe('bigint');
    expect(stored.costNanoUsd).toBe(MAX_INT64);
  });

  it('keep budget limits and spend above 2^53 exact, including increments', async () => {
    const tenant = await db.tenant.create({ data: { name: 'Budgets', slug: 'budgets' } });
    const budget = await db.budget.create({
      data: {
        tenantId: tenant.id,
        name: 'monthly',
        scopeType: BudgetScopeType.TENANT,
        period: BudgetPeriod.MONTHLY,
        limitNanoUsd: BEYOND_FLOAT,
        action: BudgetAction.BLOCK,
      },
    });
    expect(budget.limitNanoUsd).toBe(BEYOND_FLOAT);
    expect(budget.alertThresholds).toEqual([50, 80, 100]);

    const periodStart = new Date('2026-11-01T00:00:00Z');
    const key = { budgetId_periodStart: { budgetId: budget.id, periodStart } };
    await db.budgetSpend.create({
      data: { budgetId: budget.id, periodStart, spentNanoUsd: BEYOND_FLOAT },
    });
    const updated = await db.budgetSpend.update({
      where: key,
      data: { spentNanoUsd: { increment: 2n }, requestCount: { increment: 1n } },
    });
    expect(updated.spentNanoUsd).toBe(BEYOND_FLOAT + 2n);
    expect(updated.requestCount).toBe(1n);
  });

  it('sum rollup rows exactly in the database', async () => {
    const tenant = await db.tenant.create({ data: { name: 'Rollups', slug: 'rollups' } });
    const bucketStart = new Date('2026-11-25T10:00:00Z');
    await db.usageHourly.createMany({
      data: [
        {
          tenantId: tenant.id,
          bucketStart,
          model: 'a',
          costNanoUsd: BEYOND_FLOAT,
          requestCount: 1n,
        },
        {
          tenantId: tenant.id,
          bucketStart,
          model: 'b',
          costNanoUsd: BEYOND_FLOAT,
          requestCount: 1n,
        },
      ],
    });

    const total = await db.usageHourly.aggregate({
      where: { tenantId: tenant.id },
      _sum: { costNanoUsd: true, requestCount: true },
    });
    expect(total._sum.costNanoUsd).toBe(BEYOND_FLOAT * 2n);
    expect(total._sum.requestCount).toBe(2n);
  });
});
