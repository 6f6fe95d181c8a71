import { createPrismaClient, type Database } from '@switchyard/db';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { GraphqlClient } from './support/graphql-client.js';
import {
  alertsQuery,
  monthToDateQuery,
  topSpendersQuery,
  usageReportQuery,
  type UsageReportData,
} from './support/report-queries.js';
import {
  startTestControlPlane,
  type TestControlPlane,
} from './support/start-test-control-plane.js';
import { insertLogs, makeLogs } from './support/usage-logs.js';
import { missing } from './support/validation-case.js';
import { createWorld, type World } from './support/world.js';

const period = { from: '2024-06-01T00:00:00.000Z', to: '2024-07-01T00:00:00.000Z' };

interface AlertsData {
  alerts: {
    nodes: Array<{
      id: string;
      tenantId: string;
      kind: string;
      lastError: string | null;
      payload: unknown;
    }>;
    pageInfo: { endCursor: string | null; hasNextPage: boolean };
  };
}

describe('cost reports and alerts: who may read what, and bad input', () => {
  let controlPlane: TestControlPlane;
  let world: World;
  let db: Database;
  let keyB: string;

  const csv = (query: Record<string, string>, token: string | null = controlPlane.adminToken) =>
    fetch(`${controlPlane.url}/reports/usage.csv?${new URLSearchParams(query)}`, {
      headers: token ? { authorization: `Bearer ${token}` } : {},
    });

  beforeAll(async () => {
    controlPlane = await startTestControlPlane();
    world = await createWorld(controlPlane);
    db = createPrismaClient(inject('TEST_DATABASE_URL'));
    keyB = (await world.factories.apiKey(world.tenantB)).id;
    const keyA = (await world.factories.apiKey(world.tenantA)).id;
    await insertLogs(
      db,
      makeLogs({
        prefix: 'access',
        tenants: [
          { id: world.tenantA, keys: [keyA] },
          { id: world.tenantB, keys: [keyB] },
        ],
        count: 60,
        start: new Date(period.from),
        spanMinutes: 20 * 1440,
      }),
    );
    const firedAt = (day: number) => new Date(Date.UTC(2024, 5, day));
    await db.alert.createMany({
      data: [
        ...[1, 2, 3].map((day) => ({
          tenantId: world.tenantA,
          kind: 'budget_threshold',
          dedupeKey: `access:a:${day}:${world.tenantA}`,
          payload: { threshold: 50 * day },
          status: day === 3 ? ('FAILED' as const) : ('DELIVERED' as const),
          attempts: day,
          lastError:
            day === 3 ? 'POST https://hooks.example.com/T0/secret-token failed: HTTP 500' : null,
          firedAt: firedAt(day),
        })),
        {
          tenantId: world.tenantB,
          kind: 'spend_spike',
          dedupeKey: `access:b:${world.tenantB}`,
          payload: { factor: 3 },
          firedAt: firedAt(4),
        },
      ],
    });
  });
  afterAll(async () => {
    await controlPlane?.close();
    await db?.$disconnect();
  });

  const tenantsIn = async (client: GraphqlClient, filter?: Record<string, string>) => {
    const { usageReport } = await client.ok<UsageReportData>(usageReportQuery, {
      period,
      groupBy: ['TENANT'],
      filter,
    });
    return usageReport.rows.map((row) => row.tenantId).sort();
  };

  it('lets finance and tenant admins read only their tenant; platform admins read all', async () => {
    expect(await tenantsIn(world.finance)).toEqual([world.tenantA]);
    expect(await tenantsIn(world.tenantAdmin)).toEqual([world.tenantA]);
    expect(await tenantsIn(world.finance, { tenantId: world.tenantA })).toEqual([world.tenantA]);
    expect(await tenantsIn(world.platform)).toEqual([world.tenantA, world.tenantB].sort());
    const spenders = await world.finance.ok<{ topSpenders: Array<{ value: string }> }>(
      topSpendersQuery,
      { period, by: 'TENANT' },
    );
    expect(spenders.topSpenders.map((spender) => spender.value)).toEqual([world.tenantA]);
    const platformFinance = await world.factories.principal('FINANCE', null);
    expect(await tenantsIn(world.platform.withToken(platformFinance.token))).toHaveLength(2);
  });

  it('answers another tenant’s or a guessed id exactly like a missing one', async () => {
    for (const client of [world.finance, world.tenantAdmin]) {
      for (const filter of [
        { tenantId: world.tenantB },
        { apiKeyId: keyB },
        { tenantId: missing },
      ]) {
        const result = await client.request(usageReportQuery, { period, groupBy: [], filter });
        expect(result.errors?.[0]?.extensions?.code, JSON.stringify(filter)).toBe('NOT_FOUND');
        expect(result.data).toBeNull();
      }
      expect(await client.errorCode(monthToDateQuery, { tenantId: world.tenantB })).toBe(
        'NOT_FOUND',
      );
      expect(await client.errorCode(alertsQuery, { filter: { tenantId: world.tenantB } })).toBe(
        'NOT_FOUND',
      );
    }
    expect(
      await world.platform.errorCode(usageReportQuery, {
        period,
        groupBy: [],
        filter: { apiKeyId: missing },
      }),
    ).toBe('NOT_FOUND');
    const foreign = await csv(
      { ...period, tenantId: world.tenantB },
      (await world.factories.principal('FINANCE', world.tenantA)).token,
    );
    expect(foreign.status).toBe(404);
    expect(await foreign.json()).toMatchObject({ error: { code: 'NOT_FOUND' } });
  });

  it('requires a valid admin token for the queries and the CSV export', async () => {
    for (const token of [null, 'sya_not-a-real-token']) {
      const client = world.platform.withToken(token ?? undefined);
      for (const [document, variables] of [
        [usageReportQuery, { period, groupBy: ['TENANT'] }],
        [monthToDateQuery, {}],
        [alertsQuery, {}],
      ] as const) {
        expect(await client.errorCode(document, variables)).toBe('UNAUTHENTICATED');
      }
      const response = await csv(period, token);
      expect(response.status).toBe(401);
      expect(response.headers.get('www-authenticate')).toBe('Bearer');
      expect(await response.json()).toMatchObject({ error: { code: 'UNAUTHENTICATED' } });
    }
  });

  it('refuses bad periods, groupings and limits with BAD_USER_INPUT naming the field', async () => {
    const cases: Array<[string, Record<string, unknown>, string, RegExp]> = [
      [
        'to before from',
        { period: { from: period.to, to: period.from }, groupBy: [] },
        'period.to',
        /after from/,
      ],
      [
        'an empty period',
        { period: { from: period.from, to: period.from }, groupBy: [] },
        'period.to',
        /after from/,
      ],
      [
        'more than 366 days',
        { period: { from: '2023-01-01T00:00:00Z', to: '2024-01-03T00:00:00Z' }, groupBy: [] },
        'period.to',
        /366 days/,
      ],
      [
        'a made-up time zone',
        { period: { ...period, timeZone: 'Mars/Olympus' }, groupBy: [] },
        'period.timeZone',
        /IANA/,
      ],
      [
        'an offset instead of a zone',
        { period: { ...period, timeZone: '+05:30' }, groupBy: [] },
        'period.timeZone',
        /IANA/,
      ],
      ['a dimension twice', { period, groupBy: ['DAY', 'DAY'] }, 'groupBy', /twice/],
      [
        'an empty model filter',
        { period, groupBy: [], filter: { model: ' ' } },
        'filter.model',
        /empty/,
      ],
    ];
    for (const [why, variables, field, message] of cases) {
      const result = await world.finance.request(usageReportQuery, variables);
      expect(result.errors?.[0]?.extensions, why).toMatchObject({ code: 'BAD_USER_INPUT', field });
      expect(result.errors?.[0]?.message, why).toMatch(message);
    }
    const unknown = await world.finance.request(usageReportQuery, { period, groupBy: ['WEEK'] });
    expect(unknown.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(unknown.errors?.[0]?.message).toMatch(/"WEEK" does not exist in "UsageDimension"/);
    const limit = await world.finance.request(topSpendersQuery, { period, by: 'USER', limit: 0 });
    expect(limit.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'limit' });
  });

  it('refuses bad CSV parameters with a 400 naming the parameter', async () => {
    const cases: Array<[Record<string, string>, string]> = [
      [{ to: period.to }, 'from'],
      [{ ...period, from: 'yesterday' }, 'from'],
      [{ from: period.to, to: period.from }, 'to'],
      [{ ...period, groupBy: 'TENANT,WEEK' }, 'groupBy.1'],
      [{ ...period, gropuBy: 'TENANT' }, 'gropuBy'],
    ];
    for (const [query, field] of cases) {
      const response = await csv(query);
      expect(response.status, JSON.stringify(query)).toBe(400);
      const body = (await response.json()) as {
        error: { code: string; field?: string; message: string };
      };
      expect(body.error.code).toBe('BAD_USER_INPUT');
      expect(body.error.field).toBe(field);
      expect(body.error.message.length).toBeGreaterThan(20);
    }
  });

  it('lists fired alerts newest first with cursors, scoped to the tenant, URLs removed', async () => {
    const first = await world.finance.ok<AlertsData>(alertsQuery, { first: 2 });
    expect(first.alerts.nodes.map((alert) => alert.payload)).toEqual([
      { threshold: 150 },
      { threshold: 100 },
    ]);
    expect(first.alerts.nodes[0]?.lastError).toBe('POST <url> failed: HTTP 500');
    expect(first.alerts.pageInfo.hasNextPage).toBe(true);
    const next = await world.finance.ok<AlertsData>(alertsQuery, {
      first: 2,
      after: first.alerts.pageInfo.endCursor,
    });
    expect(next.alerts.nodes.map((alert) => alert.payload)).toEqual([{ threshold: 50 }]);
    expect(next.alerts.pageInfo.hasNextPage).toBe(false);
    const all = await world.platform.ok<AlertsData>(alertsQuery, {
      filter: { from: period.from, to: period.to },
    });
    expect(new Set(all.alerts.nodes.map((alert) => alert.tenantId))).toEqual(
      new Set([world.tenantA, world.tenantB]),
    );
    const failed = await world.tenantAdmin.ok<AlertsData>(alertsQuery, {
      filter: { status: 'FAILED', kind: 'budget_threshold' },
    });
    expect(failed.alerts.nodes).toHaveLength(1);
  });
});
