import { createPrismaClient, type Database } from '@switchyard/db';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import {
  dailyUsageQuery,
  integerMetrics,
  monthToDateQuery,
  rowKey,
  topSpendersQuery,
  usageReportQuery,
  type DailyUsageData,
  type MonthToDateData,
  type TopSpendersData,
  type UsageReportData,
} from './support/report-queries.js';
import {
  startTestControlPlane,
  type TestControlPlane,
} from './support/start-test-control-plane.js';
import {
  asMetrics,
  expectedGroups,
  insertLogs,
  localDay,
  makeLogs,
  parseCsv,
  sumLogs,
  type Dimension,
  type SeedLog,
} from './support/usage-logs.js';
import { createWorld, type World } from './support/world.js';

const period = { from: '2024-03-01T00:00:00.000Z', to: '2024-04-01T00:00:00.000Z' };
const inPeriod = (log: SeedLog, from = period.from, to = period.to) =>
  log.createdAt >= new Date(from) && log.createdAt < new Date(to);

describe('cost reports: exact sums of the request logs', () => {
  let controlPlane: TestControlPlane;
  let world: World;
  let db: Database;
  let logs: SeedLog[];
  let keyNames: Map<string, string>;

  beforeAll(async () => {
    controlPlane = await startTestControlPlane();
    world = await createWorld(controlPlane);
    db = createPrismaClient(inject('TEST_DATABASE_URL'));
    await world.platform.ok(
      'mutation($id: ID!) { updateTenant(id: $id, input: { timezone: "Asia/Kolkata" }) { id } }',
      { id: world.tenantA },
    );
    const keysA = [
      await world.factories.apiKey(world.tenantA),
      await world.factories.apiKey(world.tenantA),
    ];
    const keysB = [await world.factories.apiKey(world.tenantB)];
    const keys = await db.apiKey.findMany({
      where: { id: { in: [...keysA, ...keysB].map((key) => key.id) } },
    });
    keyNames = new Map(keys.map((key) => [key.id, key.name]));
    logs = makeLogs({
      prefix: 'report',
      tenants: [
        { id: world.tenantA, keys: keysA.map((key) => key.id) },
        { id: world.tenantB, keys: keysB.map((key) => key.id) },
      ],
      count: 600,
      // 2024-02-27 … 2024-04-06: some requests fall outside the report period.
      start: new Date('2024-02-27T00:00:00Z'),
      spanMinutes: 39 * 1440,
    });
    await insertLogs(db, logs);
  });
  afterAll(async () => {
    await controlPlane?.close();
    await db?.$disconnect();
  });

  const groupings: Dimension[][] = [
    [],
    ['TENANT'],
    ['API_KEY'],
    ['USER'],
    ['MODEL'],
    ['PROVIDER'],
    ['TAG'],
    ['DAY'],
    ['TENANT', 'DAY'],
    ['MODEL', 'PROVIDER'],
    ['API_KEY', 'USER', 'TAG'],
    ['TAG', 'DAY', 'MODEL'],
  ];
  it.each(groupings.map((groupBy) => [groupBy.join(',') || '(none)', groupBy] as const))(
    'groups by %s exactly as the request logs add up',
    async (_name, groupBy) => {
      const { usageReport } = await world.platform.ok<UsageReportData>(usageReportQuery, {
        period,
        groupBy,
      });
      expect(usageReport.timeZone).toBe('UTC');
      expect(usageReport.currency).toBe('USD');
      const expected = expectedGroups(
        logs.filter((log) => inPeriod(log)),
        groupBy,
        'UTC',
      );
      const actual = new Map(
        usageReport.rows.map((row) => [rowKey(row, groupBy), integerMetrics(row)]),
      );
      expect(actual).toEqual(new Map([...expected].map(([key, sums]) => [key, asMetrics(sums)])));
      // The totals are the request logs' own sums, each request once (tags or not).
      const stored = await db.requestLog.aggregate({
        where: { createdAt: { gte: new Date(period.from), lt: new Date(period.to) } },
        _count: true,
        _sum: { costNanoUsd: true, inputTokens: true },
      });
      expect(usageReport.totals.requests).toBe(String(stored._count));
      expect(usageReport.totals.costNanoUsd).toBe(String(stored._sum.costNanoUsd));
      expect(usageReport.totals.inputTokens).toBe(String(stored._sum.inputTokens));
      if (!groupBy.includes('TAG')) {
        const rowCost = usageReport.rows.reduce((sum, row) => sum + BigInt(row.costNanoUsd), 0n);
        const rowRequests = usageReport.rows.reduce((sum, row) => sum + BigInt(row.requests), 0n);
        expect(rowCost.toString()).toBe(usageReport.totals.costNanoUsd);
        expect(rowRequests.toString()).toBe(usageReport.totals.requests);
      }
    },
  );

  it('counts days in the tenant’s time zone, or the one asked for', async () => {
    const tenantLogs = logs.filter((log) => log.tenantId === world.tenantA && inPeriod(log));
    for (const [client, timeZone] of [
      [world.finance, undefined],
      [world.platform, 'America/New_York'],
    ] as const) {
      const { usageReport } = await client.ok<UsageReportData>(usageReportQuery, {
        period: { ...period, timeZone },
        groupBy: ['DAY'],
        filter: { tenantId: world.tenantA },
      });
      const zone = timeZone ?? 'Asia/Kolkata';
      expect(usageReport.timeZone).toBe(zone);
      const expected = expectedGroups(tenantLogs, ['DAY'], zone);
      expect(
        new Map(usageReport.rows.map((row) => [rowKey(row, ['DAY']), integerMetrics(row)])),
      ).toEqual(new Map([...expected].map(([key, sums]) => [key, asMetrics(sums)])));
    }
  });

  it('applies every filter, and shows only the filtered tag when grouping by tag', async () => {
    const keyId = logs.find((log) => log.tenantId === world.tenantA && log.apiKeyId)!.apiKeyId!;
    const cases: Array<[Record<string, string>, (log: SeedLog) => boolean]> = [
      [{ apiKeyId: keyId }, (log) => log.apiKeyId === keyId],
      [
        { model: 'gpt-4o-2024-08-06' },
        (log) => (log.servedModel ?? log.requestedModel) === 'gpt-4o-2024-08-06',
      ],
      [{ provider: 'anthropic' }, (log) => log.provider === 'anthropic'],
      [{ tag: 'feature=chat' }, (log) => log.tags.includes('feature=chat')],
      [
        { tenantId: world.tenantB, tag: 'env=prod', model: 'claude-sonnet-4-20250514' },
        (log) =>
          log.tenantId === world.tenantB &&
          log.tags.includes('env=prod') &&
          log.servedModel === 'claude-sonnet-4-20250514',
      ],
    ];
    for (const [filter, matches] of cases) {
      const { usageReport } = await world.platform.ok<UsageReportData>(usageReportQuery, {
        period: { ...period, timeZone: 'UTC' },
        groupBy: ['TAG'],
        filter,
      });
      const selected = logs.filter((log) => inPeriod(log) && matches(log));
      expect(selected.length, JSON.stringify(filter)).toBeGreaterThan(0);
      expect(integerMetrics(usageReport.totals), JSON.stringify(filter)).toEqual(
        asMetrics(sumLogs(selected)),
      );
      if (filter.tag) expect(usageReport.rows.map((row) => row.tag)).toEqual([filter.tag]);
    }
  });

  it('returns a daily series with every day of the period, zeros included', async () => {
    const from = '2024-03-25T00:00:00.000Z';
    const to = '2024-04-10T00:00:00.000Z';
    const { dailyUsage } = await world.finance.ok<DailyUsageData>(dailyUsageQuery, {
      period: { from, to },
    });
    expect(dailyUsage.timeZone).toBe('Asia/Kolkata');
    // 2024-03-25 05:30 … 2024-04-10 05:29 in Kolkata.
    expect(dailyUsage.days.map((day) => day.day)).toEqual(
      Array.from({ length: 17 }, (_, index) =>
        new Date(Date.UTC(2024, 2, 25 + index)).toISOString().slice(0, 10),
      ),
    );
    const tenantLogs = logs.filter(
      (log) => log.tenantId === world.tenantA && inPeriod(log, from, to),
    );
    const expected = expectedGroups(tenantLogs, ['DAY'], 'Asia/Kolkata');
    for (const day of dailyUsage.days) {
      const sums = expected.get(JSON.stringify([day.day]));
      expect(integerMetrics(day), day.day).toEqual(
        sums ? asMetrics(sums) : { ...asMetrics(sumLogs([])) },
      );
    }
    expect(dailyUsage.days.at(-1)?.requests).toBe('0');
    const total = dailyUsage.days.reduce((sum, day) => sum + BigInt(day.costNanoUsd), 0n);
    expect(total.toString()).toBe(dailyUsage.totals.costNanoUsd);
    expect(dailyUsage.totals.costNanoUsd).toBe(sumLogs(tenantLogs).costNanoUsd.toString());
  });

  it('ranks top spenders by cost, with tenant and key names', async () => {
    const periodLogs = logs.filter((log) => inPeriod(log));
    const ranking = (by: Dimension, selected: SeedLog[]) =>
      [...expectedGroups(selected, [by], 'UTC')]
        .map(([key, sums]) => ({ value: (JSON.parse(key) as string[])[0] || null, sums }))
        .sort((a, b) => (a.sums.costNanoUsd > b.sums.costNanoUsd ? -1 : 1));
    const cases: Array<[Dimension, number, typeof world.platform, SeedLog[]]> = [
      ['TENANT', 10, world.platform, periodLogs],
      ['API_KEY', 2, world.platform, periodLogs],
      ['USER', 3, world.finance, periodLogs.filter((log) => log.tenantId === world.tenantA)],
      ['MODEL', 10, world.tenantAdmin, periodLogs.filter((log) => log.tenantId === world.tenantA)],
    ];
    for (const [by, limit, client, selected] of cases) {
      const { topSpenders } = await client.ok<TopSpendersData>(topSpendersQuery, {
        period,
        by,
        limit,
      });
      const expected = ranking(by, selected).slice(0, limit);
      expect(
        topSpenders.map((spender) => [spender.rank, spender.value, spender.costNanoUsd]),
      ).toEqual(
        expected.map((entry, index) => [index + 1, entry.value, entry.sums.costNanoUsd.toString()]),
      );
      if (by === 'API_KEY') {
        for (const spender of topSpenders)
          expect(spender.label).toBe(spender.value ? keyNames.get(spender.value) : null);
      }
    }
  });

  it('forecasts the month from month-to-date spend in the tenant’s time zone', async () => {
    // Kolkata is UTC+5:30: March starts at 2024-02-29T18:30Z; as of 11 local days later.
    const asOf = '2024-03-11T18:30:00.000Z';
    const { monthToDateSpend } = await world.finance.ok<MonthToDateData>(monthToDateQuery, {
      asOf,
    });
    const monthStart = new Date('2024-02-29T18:30:00.000Z');
    const spent = sumLogs(
      logs.filter(
        (log) =>
          log.tenantId === world.tenantA &&
          log.createdAt >= monthStart &&
          log.createdAt < new Date(asOf),
      ),
    );
    expect(spent.requests).toBeGreaterThan(0n);
    const forecast = (2n * spent.costNanoUsd * 31n + 11n) / (2n * 11n);
    expect(monthToDateSpend).toMatchObject({
      tenantId: world.tenantA,
      timeZone: 'Asia/Kolkata',
      asOf,
      monthStart: monthStart.toISOString(),
      monthEnd: '2024-03-31T18:30:00.000Z',
      daysInMonth: 31,
      elapsedDays: 11,
      requests: spent.requests.toString(),
      spentNanoUsd: spent.costNanoUsd.toString(),
      forecastNanoUsd: forecast.toString(),
    });
    // UTC tenant, as of the 16th at midnight: 15 of 31 days.
    const other = await world.platform.ok<MonthToDateData>(monthToDateQuery, {
      tenantId: world.tenantB,
      asOf: '2024-03-16T00:00:00.000Z',
    });
    const spentB = sumLogs(
      logs.filter(
        (log) =>
          log.tenantId === world.tenantB &&
          log.createdAt >= new Date('2024-03-01T00:00:00Z') &&
          log.createdAt < new Date('2024-03-16T00:00:00Z'),
      ),
    ).costNanoUsd;
    expect(other.monthToDateSpend.spentNanoUsd).toBe(spentB.toString());
    expect(other.monthToDateSpend.forecastNanoUsd).toBe(
      ((2n * spentB * 31n + 15n) / 30n).toString(),
    );
    // Without asOf it is computed as of now; only its shape is stable.
    const now = await world.finance.ok<MonthToDateData>(monthToDateQuery);
    expect(new Date(now.monthToDateSpend.monthStart).getTime()).toBeLessThanOrEqual(Date.now());
    expect(localDay(new Date(now.monthToDateSpend.monthStart), 'Asia/Kolkata')).toMatch(/-01$/);
  });

  it('exports the same report as RFC 4180 CSV with exact integer money', async () => {
    const groupBy = ['TENANT', 'USER', 'TAG'];
    const { usageReport } = await world.platform.ok<UsageReportData>(usageReportQuery, {
      period,
      groupBy,
    });
    const query = new URLSearchParams({ ...period, groupBy: groupBy.join(',') });
    const response = await fetch(`${controlPlane.url}/reports/usage.csv?${query}`, {
      headers: { authorization: `Bearer ${controlPlane.adminToken}` },
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('text/csv');
    const text = await response.text();
    expect(text).toContain('"carol, ""the boss"""');
    const [header, ...rows] = parseCsv(text);
    expect(header).toEqual([
      'tenant_id',
      'user',
      'tag',
      'requests',
      'errors',
      'input_tokens',
      'output_tokens',
      'cache_read_tokens',
      'cache_write_tokens',
      'reasoning_tokens',
      'cost_nano_usd',
      'cost_usd',
    ]);
    const defused = (value: string | null) =>
      /^[=+\-@]/.test(value ?? '') ? `'${value}` : (value ?? '');
    expect(rows).toEqual(
      usageReport.rows.map((row) => [
        row.tenantId ?? '',
        defused(row.user),
        row.tag ?? '',
        row.requests,
        row.errors,
        row.inputTokens,
        row.outputTokens,
        row.cacheReadTokens,
        row.cacheWriteTokens,
        row.reasoningTokens,
        row.costNanoUsd,
        row.costUsd,
      ]),
    );
    expect(rows.some((row) => row[1] === 'dave\nnext line')).toBe(true);
  });
});
