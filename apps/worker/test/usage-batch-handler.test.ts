import { createPrismaClient, type Database } from '@switchyard/db';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { erasePayloadBodies } from '../src/handlers/payload-retention.handler.js';
import { handleUsageBatch } from '../src/handlers/usage-batch.handler.js';
import './helpers/provided-context.js';
import {
  expectedTotals,
  makeEvents,
  storedTotals,
  sumCosts,
  uniqueTenantId,
} from './helpers/usage-totals.js';

let db: Database;
const logger = pino({ level: 'silent' });
const handle = (batchId: string, events: unknown[]) =>
  handleUsageBatch({ batchId, events }, { db, logger, payloadRetentionDefaultDays: 30 });

beforeAll(() => {
  db = createPrismaClient(inject('TEST_DATABASE_URL'));
});
afterAll(async () => {
  await db.$disconnect();
});

describe('usage batch handler (Postgres)', () => {
  it('writes request logs and rollups that sum exactly to the event costs', async () => {
    const tenantId = uniqueTenantId();
    const events = makeEvents({
      tenantId,
      count: 1_200,
      tags: (index) => (index % 3 === 0 ? [] : [`team-${index % 2}`]),
    });
    const result = await handle('batch-1', events);
    expect(result).toMatchObject({ inserted: 1_200, duplicates: 0, invalid: 0 });
    expect(await storedTotals(db, tenantId)).toEqual(expectedTotals(events));

    const perTag = await db.usageDaily.groupBy({
      by: ['tag'],
      where: { tenantId },
      _sum: { costNanoUsd: true },
    });
    const expectedPerTag = new Map<string, bigint>();
    for (const event of events) {
      const tag = event.tags?.[0] ?? '';
      expectedPerTag.set(tag, (expectedPerTag.get(tag) ?? 0n) + BigInt(event.costNanoUsd));
    }
    expect(new Map(perTag.map((row) => [row.tag, row._sum.costNanoUsd]))).toEqual(expectedPerTag);
    expect(
      await db.usageHourly.count({
        where: { tenantId, bucketStart: new Date('2026-03-17T23:00:00Z') },
      }),
    ).toBeGreaterThan(0);
  });

  it('counts a redelivered batch and an overlapping batch once', async () => {
    const tenantId = uniqueTenantId();
    const first = makeEvents({ tenantId, count: 300 });
    const overlapping = makeEvents({ tenantId, count: 300, from: 200 });
    expect(await handle('batch-a', first)).toMatchObject({ inserted: 300, duplicates: 0 });
    expect(await handle('batch-a', first)).toMatchObject({ inserted: 0, duplicates: 300 });
    expect(await handle('batch-b', overlapping)).toMatchObject({ inserted: 200, duplicates: 100 });
    const all = makeEvents({ tenantId, count: 500 });
    expect(await storedTotals(db, tenantId)).toEqual(expectedTotals(all));
  });

  it('counts overlapping batches processed concurrently once', async () => {
    const tenantId = uniqueTenantId();
    const batches = [0, 100, 200, 300].map((from) => makeEvents({ tenantId, count: 250, from }));
    const results = await Promise.all(
      batches.map((events, index) => handle(`concurrent-${index}`, events)),
    );
    expect(results.reduce((sum, result) => sum + result.inserted, 0)).toBe(550);
    expect(await storedTotals(db, tenantId)).toEqual(
      expectedTotals(makeEvents({ tenantId, count: 550 })),
    );
  });

  it('adds the spend of newly logged requests to their budgets, once', async () => {
    const tenantId = uniqueTenantId();
    await db.tenant.create({
      data: { id: tenantId, name: tenantId, slug: tenantId, timezone: 'America/New_York' },
    });
    const budget = await db.budget.create({
      data: {
        tenantId,
        name: 'daily',
        scopeType: 'TENANT',
        period: 'DAILY',
        limitNanoUsd: 10n ** 15n,
        action: 'BLOCK',
      },
    });
    const events = makeEvents({
      tenantId,
      count: 90,
      budgetIds: [budget.id],
      modelId: 'model-gpt-4o',
    });
    await handle('budget-1', events);
    await handle('budget-1', events);
    const spends = await db.budgetSpend.findMany({
      where: { budgetId: budget.id },
      orderBy: { periodStart: 'asc' },
    });
    // Events span 22:00Z on the 17th to 00:59Z on the 18th: all on the 17th in New York.
    expect(
      spends.map((spend) => [
        spend.periodStart.toISOString(),
        spend.spentNanoUsd,
        spend.requestCount,
      ]),
    ).toEqual([['2026-03-17T04:00:00.000Z', sumCosts(events), 90n]]);
    // The priced model and the reserved budgets stay on the log, so it can be re-costed later.
    const logged = await db.requestLog.findFirst({
      where: { tenantId },
      select: { modelId: true, budgetIds: true },
    });
    expect(logged).toEqual({ modelId: 'model-gpt-4o', budgetIds: [budget.id] });
  });

  it('skips invalid events without failing the batch', async () => {
    const tenantId = uniqueTenantId();
    const [valid, invalid] = makeEvents({ tenantId, count: 2 });
    const result = await handle('with-invalid', [valid, { ...invalid, costNanoUsd: '-5' }]);
    expect(result).toMatchObject({ inserted: 1, invalid: 1 });
    expect((await storedTotals(db, tenantId)).logCount).toBe(1n);
  });

  it('stores bodies only for tenants with payload logging, and erases them after the retention', async () => {
    const logging = uniqueTenantId();
    const silent = uniqueTenantId();
    await db.tenant.create({
      data: {
        id: logging,
        name: logging,
        slug: logging,
        payloadLogging: true,
        payloadRetentionDays: 1,
      },
    });
    await db.tenant.create({
      data: { id: silent, name: silent, slug: silent, payloadLogging: false },
    });
    const payload = {
      prompt: [{ role: 'user', content: 'secret' }],
      completion: { content: 'answer' },
    };
    const now = Date.now();
    const old = {
      ...makeEvents({ tenantId: logging, count: 1, prefix: `${logging}-old` })[0],
      payload,
      occurredAt: new Date(now - 2 * 86_400_000).toISOString(),
    };
    const recent = {
      ...makeEvents({ tenantId: logging, count: 1, prefix: `${logging}-new` })[0],
      payload,
      occurredAt: new Date(now).toISOString(),
    };
    const notLogged = { ...makeEvents({ tenantId: silent, count: 1 })[0], payload };
    await handle('payloads', [old, recent, notLogged]);

    const before = await db.requestLog.findMany({
      where: { tenantId: { in: [logging, silent] } },
      orderBy: { id: 'asc' },
    });
    expect(before.find((row) => row.tenantId === silent)?.promptBody).toBeNull();
    expect(before.filter((row) => row.promptBody !== null)).toHaveLength(2);

    expect(await erasePayloadBodies(db, new Date(now))).toBeGreaterThanOrEqual(1);
    const oldRow = await db.requestLog.findUniqueOrThrow({ where: { id: old?.requestId ?? '' } });
    const recentRow = await db.requestLog.findUniqueOrThrow({
      where: { id: recent?.requestId ?? '' },
    });
    expect(oldRow).toMatchObject({ promptBody: null, completionBody: null, bodyExpiresAt: null });
    // The log itself (cost, tokens) stays.
    expect(oldRow.costNanoUsd).toBe(BigInt(old?.costNanoUsd ?? '0'));
    expect(recentRow.promptBody).toEqual(payload.prompt);
    expect(recentRow.bodyExpiresAt?.getTime()).toBe(now + 86_400_000);
  });
});
