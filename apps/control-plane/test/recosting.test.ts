import { createPrismaClient, type Database } from '@switchyard/db';
import { computeCostNanoUsd } from '@switchyard/pricing';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import {
  budgetSpendFromLogs,
  correctedPrice,
  correctionFrom,
  juneEvents,
  juneNewPrice,
  juneOldPrice,
  modelBPrice,
  priceInput,
  rollupsVersusLogs,
  storedState,
} from './support/recosting-fixtures.js';
import {
  startTestControlPlane,
  type TestControlPlane,
} from './support/start-test-control-plane.js';
import { loadWorkerUsageBatchHandler } from './support/worker-usage-batch.js';
import { createWorld, type World } from './support/world.js';

const recostMutation = `mutation($input: RecostUsageInput!) {
  recostUsage(input: $input) {
    dryRun rowsExamined rowsChanged rowsSkipped rowsWithoutModel rowsWithoutPrice
    rowsWithInvalidUsage oldTotalNanoUsd newTotalNanoUsd hourlyRollupsRebuilt
    dailyRollupsRebuilt budgetPeriodsAdjusted
  }
}`;
type Summary = {
  dryRun: boolean;
  rowsExamined: number;
  rowsChanged: number;
  rowsSkipped: number;
  rowsWithoutModel: number;
  rowsWithoutPrice: number;
  rowsWithInvalidUsage: number;
  oldTotalNanoUsd: string;
  newTotalNanoUsd: string;
  hourlyRollupsRebuilt: number;
  dailyRollupsRebuilt: number;
  budgetPeriodsAdjusted: number;
};
const june = { from: '2021-06-01T00:00:00.000Z', to: '2021-07-01T00:00:00.000Z' };
const timeZone = 'America/New_York';

describe('recostUsage: re-pricing history after a retroactive price correction', () => {
  let controlPlane: TestControlPlane;
  let world: World;
  let db: Database;
  let tenantId: string;
  let modelA: string;
  let modelB: string;
  let budgets: Array<{ id: string; period: 'DAILY' | 'MONTHLY' }>;
  let charged: Map<string, bigint>;
  const recost = async (input: Record<string, unknown>) =>
    (await world.platform.ok<{ recostUsage: Summary }>(recostMutation, { input })).recostUsage;

  beforeAll(async () => {
    controlPlane = await startTestControlPlane();
    world = await createWorld(controlPlane);
    db = createPrismaClient(inject('TEST_DATABASE_URL'));
    tenantId = await world.factories.tenant();
    await world.platform.ok(
      'mutation($id: ID!, $timezone: String!) { updateTenant(id: $id, input: { timezone: $timezone }) { id } }',
      { id: tenantId, timezone: timeZone },
    );
    [modelA, modelB] = [await world.factories.model(), await world.factories.model()];
    for (const [modelId, price] of [
      [modelA, juneOldPrice],
      [modelA, juneNewPrice],
      [modelB, modelBPrice],
    ] as const) {
      await world.platform.ok(
        'mutation($input: CreateModelPriceInput!) { createModelPrice(input: $input) { id } }',
        { input: priceInput(modelId, price) },
      );
    }
    budgets = [];
    for (const period of ['DAILY', 'MONTHLY'] as const) {
      const { createBudget } = await world.platform.ok<{ createBudget: { id: string } }>(
        'mutation($input: CreateBudgetInput!) { createBudget(input: $input) { id } }',
        {
          input: {
            tenantId,
            name: `june-${period}`,
            scopeType: 'TENANT',
            period,
            limitNanoUsd: '1000000000000',
            action: 'WARN',
          },
        },
      );
      budgets.push({ id: createBudget.id, period });
    }
    const events = juneEvents({ tenantId, modelA, modelB, budgetIds: budgets.map((b) => b.id) });
    const handle = await loadWorkerUsageBatchHandler(db);
    expect(await handle('june-1', events.slice(0, 30))).toBe(30);
    expect(await handle('june-2', events.slice(30))).toBe(18);
    charged = new Map(events.map((event) => [event.requestId, BigInt(event.costNanoUsd)]));
  });
  afterAll(async () => {
    await controlPlane?.close();
    await db?.$disconnect();
  });

  it('changes nothing while the prices are the ones the requests were charged with', async () => {
    const before = await storedState(db, tenantId);
    const summary = await recost({ ...june, tenantId });
    expect(summary).toMatchObject({
      dryRun: false,
      rowsExamined: 48,
      rowsChanged: 0,
      rowsWithoutModel: 4,
      rowsWithoutPrice: 5,
      rowsSkipped: 9,
      rowsWithInvalidUsage: 0,
      hourlyRollupsRebuilt: 0,
      budgetPeriodsAdjusted: 0,
    });
    expect(summary.newTotalNanoUsd).toBe(summary.oldTotalNanoUsd);
    const after = await storedState(db, tenantId);
    expect({ ...after, auditLogs: 0 }).toEqual({ ...before, auditLogs: 0 });
  });

  describe('after the correction', () => {
    beforeAll(async () => {
      const { model } = await world.platform.ok<{
        model: { prices: Array<{ id: string; effectiveFrom: string }> };
      }>('query($id: ID!) { model(id: $id) { prices { id effectiveFrom } } }', { id: modelA });
      const current = model.prices.find(
        (price) => Date.parse(price.effectiveFrom) === Date.parse(juneNewPrice.effectiveFrom),
      );
      await world.platform.ok(
        'mutation($id: ID!, $to: DateTime!) { updateModelPrice(id: $id, input: { effectiveTo: $to }) { id } }',
        { id: current?.id, to: correctionFrom },
      );
      await world.platform.ok(
        'mutation($input: CreateModelPriceInput!) { createModelPrice(input: $input) { id } }',
        { input: priceInput(modelA, correctedPrice) },
      );
    });

    it('previews the change in a dry run without writing anything', async () => {
      const before = await storedState(db, tenantId);
      const summary = await recost({ ...june, tenantId, dryRun: true });
      expect(summary).toMatchObject({ dryRun: true, rowsExamined: 48, rowsSkipped: 9 });
      expect(summary.rowsChanged).toBeGreaterThan(5);
      expect(BigInt(summary.newTotalNanoUsd)).toBeGreaterThan(BigInt(summary.oldTotalNanoUsd));
      expect(summary.budgetPeriodsAdjusted).toBeGreaterThan(0);
      expect(await storedState(db, tenantId)).toEqual(before);
    });

    it('re-costs only the model asked for', async () => {
      const summary = await recost({ ...june, tenantId, modelId: modelB });
      expect(summary).toMatchObject({ rowsExamined: 6, rowsChanged: 0, rowsWithoutPrice: 5 });
    });

    it('re-prices the requests after the correction and keeps rollups and spend exact', async () => {
      const before = await storedState(db, tenantId);
      const summary = await recost({ ...june, tenantId });
      const logs = await db.requestLog.findMany({ where: { tenantId } });
      const correction = new Date(correctionFrom);
      let changed = 0;
      for (const log of logs) {
        const original = charged.get(log.id);
        if (log.createdAt < correction || log.modelId !== modelA || log.cacheHit) {
          expect(log.costNanoUsd, log.id).toBe(original);
          continue;
        }
        const expected = computeCostNanoUsd(log, [correctedPrice], log.createdAt).costNanoUsd;
        expect(log.costNanoUsd, log.id).toBe(expected);
        if (expected !== original) changed += 1;
      }
      expect(changed).toBeGreaterThan(5);
      const newTotal = logs.reduce((sum, log) => sum + log.costNanoUsd, 0n);
      const oldTotal = [...before.costs.values()].reduce((sum, cost) => sum + cost, 0n);
      expect(summary).toMatchObject({
        dryRun: false,
        rowsExamined: 48,
        rowsChanged: changed,
        rowsSkipped: 9,
        oldTotalNanoUsd: oldTotal.toString(),
        newTotalNanoUsd: newTotal.toString(),
      });

      const rollups = await rollupsVersusLogs(db, tenantId);
      expect(rollups.hourly.stored).toEqual(rollups.hourly.expected);
      expect(rollups.daily.stored).toEqual(rollups.daily.expected);
      const spends = await db.budgetSpend.findMany({ where: { budget: { tenantId } } });
      expect(
        spends.map(({ budgetId, periodStart, spentNanoUsd }) => ({
          budgetId,
          periodStart,
          spentNanoUsd,
        })),
      ).toEqual(expect.arrayContaining(await budgetSpendFromLogs(db, budgets, timeZone)));
      expect(spends).toHaveLength((await budgetSpendFromLogs(db, budgets, timeZone)).length);
      // Re-costing moves money, never requests.
      expect(spends.map((spend) => spend.requestCount).sort()).toEqual(
        before.spends.map((spend) => spend.requestCount).sort(),
      );
      expect((await storedState(db, tenantId)).auditLogs).toBe(before.auditLogs + 1);
      const audit = await db.auditLog.findFirst({
        where: { action: 'usage.recosted', tenantId },
        orderBy: { createdAt: 'desc' },
      });
      expect(audit).toMatchObject({
        entityType: 'usage_period',
        entityId: `${june.from}/${june.to}`,
        after: expect.objectContaining({ rowsChanged: changed }),
      });
    });

    it('is idempotent: a second run changes nothing', async () => {
      const before = await storedState(db, tenantId);
      const summary = await recost({ ...june, tenantId });
      expect(summary).toMatchObject({ rowsChanged: 0, hourlyRollupsRebuilt: 0 });
      expect(summary.newTotalNanoUsd).toBe(summary.oldTotalNanoUsd);
      const after = await storedState(db, tenantId);
      expect({ ...after, auditLogs: 0 }).toEqual({ ...before, auditLogs: 0 });
    });
  });

  it('refuses finance and tenant admins', async () => {
    const input = { ...june, tenantId: world.tenantA, dryRun: true };
    for (const client of [world.finance, world.tenantAdmin]) {
      expect(await client.errorCode(recostMutation, { input })).toBe('FORBIDDEN');
    }
  });

  it.each([
    ['to before from', { from: june.to, to: june.from }, 'input.to'],
    ['an empty period', { from: june.from, to: june.from }, 'input.to'],
    [
      'more than 366 days',
      { from: '2020-01-01T00:00:00Z', to: '2021-01-02T00:00:00Z' },
      'input.to',
    ],
    ['an unknown model', { ...june, modelId: 'no-such-model' }, 'input.modelId'],
    ['an unknown tenant', { ...june, tenantId: 'no-such-tenant' }, 'input.tenantId'],
  ])('refuses %s with BAD_USER_INPUT and writes nothing', async (_name, input, field) => {
    const before = await storedState(db, tenantId);
    const result = await world.platform.request(recostMutation, { input });
    expect(result.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(result.errors?.[0]?.extensions?.field).toBe(field);
    expect(await storedState(db, tenantId)).toEqual(before);
  });
});
