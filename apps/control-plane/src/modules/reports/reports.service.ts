import { Injectable } from '@nestjs/common';
import { Prisma } from '@switchyard/db';
import { BadUserInputError } from '../../graphql/api-errors.js';
import { parseInput } from '../../graphql/parse-input.js';
import { PrismaService } from '../../infra/prisma.service.js';
import type { Actor } from '../auth/actor.js';
import { formatCsv } from './format-usage-csv.js';
import { formatNanoUsd } from './format-nano-usd.js';
import { forecastMonthSpend } from './forecast-month-spend.js';
import { groupBySchema, type ReportPeriodInput, type UsageFilterInput } from './report.inputs.js';
import type {
  DailyUsage,
  MonthToDateSpend,
  Spender,
  UsageMetrics,
  UsageReport,
  UsageReportRow,
} from './report.model.js';
import { resolveForecastTenant, resolveUsageScope } from './resolve-usage-scope.js';
import type { SpenderDimensionName, UsageDimensionName } from './usage-dimension.js';
import {
  groupedUsageSql,
  monthBoundsSql,
  periodDaysSql,
  toUsageGroup,
  toUsageSums,
  totalUsageSql,
  zeroSums,
  type MonthBounds,
  type RawUsageRow,
  type UsageGroup,
  type UsageScope,
  type UsageSums,
} from './usage-query.js';

/** Most rows a GraphQL report returns; bigger reports should narrow or use the CSV export. */
export const maxReportRows = 10_000;
/** Most rows one CSV export holds. */
export const maxCsvRows = 200_000;
export const maxTopSpenders = 100;

const dimensionField = {
  TENANT: 'tenantId',
  API_KEY: 'apiKeyId',
  USER: 'user',
  MODEL: 'model',
  PROVIDER: 'provider',
  TAG: 'tag',
  DAY: 'day',
} as const satisfies Record<UsageDimensionName, keyof UsageReportRow>;

const csvDimensionColumn: Record<UsageDimensionName, string> = {
  TENANT: 'tenant_id',
  API_KEY: 'api_key_id',
  USER: 'user',
  MODEL: 'model',
  PROVIDER: 'provider',
  TAG: 'tag',
  DAY: 'day',
};
const csvMetricColumns = [
  'requests',
  'errors',
  'input_tokens',
  'output_tokens',
  'cache_read_tokens',
  'cache_write_tokens',
  'reasoning_tokens',
  'cost_nano_usd',
  'cost_usd',
];

export function toMetrics(sums: UsageSums): UsageMetrics {
  return {
    requests: sums.requests.toString(),
    errors: sums.errors.toString(),
    inputTokens: sums.inputTokens.toString(),
    outputTokens: sums.outputTokens.toString(),
    cacheReadTokens: sums.cacheReadTokens.toString(),
    cacheWriteTokens: sums.cacheWriteTokens.toString(),
    reasoningTokens: sums.reasoningTokens.toString(),
    costNanoUsd: sums.costNanoUsd.toString(),
    costUsd: formatNanoUsd(sums.costNanoUsd),
  };
}

function toRow(group: UsageGroup, groupBy: readonly UsageDimensionName[]): UsageReportRow {
  const row: UsageReportRow = {
    ...toMetrics(group),
    tenantId: null,
    apiKeyId: null,
    user: null,
    model: null,
    provider: null,
    tag: null,
    day: null,
  };
  groupBy.forEach((dimension, index) => {
    row[dimensionField[dimension]] = group.values[index] || null;
  });
  return row;
}

/** Reads the request logs for finance: grouped reports, daily series, rankings, forecasts, CSV. */
@Injectable()
export class ReportsService {
  constructor(private readonly prisma: PrismaService) {}

  async usageReport(
    actor: Actor,
    period: ReportPeriodInput,
    groupByInput: readonly string[],
    filter: UsageFilterInput | null | undefined,
  ): Promise<UsageReport> {
    const groupBy = this.parseGroupBy(groupByInput);
    const scope = await resolveUsageScope(this.prisma.db, actor, period, filter);
    const { groups, totals } = await this.groupsAndTotals(
      scope,
      groupBy,
      maxReportRows,
      'or download the CSV export (GET /reports/usage.csv)',
    );
    return {
      ...this.frame(scope, totals),
      groupBy,
      rows: groups.map((group) => toRow(group, groupBy)),
    };
  }

  async dailyUsage(
    actor: Actor,
    period: ReportPeriodInput,
    filter: UsageFilterInput | null | undefined,
  ): Promise<DailyUsage> {
    const scope = await resolveUsageScope(this.prisma.db, actor, period, filter);
    const [dayRows, { groups, totals }] = await Promise.all([
      this.prisma.db.$queryRaw<Array<{ day: string }>>(periodDaysSql(scope)),
      this.groupsAndTotals(scope, ['DAY'], maxReportRows, ''),
    ]);
    const byDay = new Map(groups.map((group) => [group.values[0], group]));
    return {
      ...this.frame(scope, totals),
      days: dayRows.map(({ day }) => ({ day, ...toMetrics(byDay.get(day) ?? zeroSums) })),
    };
  }

  async topSpenders(
    actor: Actor,
    period: ReportPeriodInput,
    by: SpenderDimensionName,
    limit: number,
    filter: UsageFilterInput | null | undefined,
  ): Promise<Spender[]> {
    if (!Number.isInteger(limit) || limit < 1 || limit > maxTopSpenders)
      throw BadUserInputError.field('limit', `must be between 1 and ${maxTopSpenders}`);
    const scope = await resolveUsageScope(this.prisma.db, actor, period, filter);
    const raw = await this.prisma.db.$queryRaw<RawUsageRow[]>(
      groupedUsageSql(scope, [by], { orderBy: 'cost', limit }),
    );
    const groups = raw.map((row) => toUsageGroup(row, 1));
    const labels = await this.labels(
      by,
      groups.map((group) => group.values[0] ?? ''),
    );
    return groups.map((group, index) => {
      const value = group.values[0] || null;
      return {
        ...toMetrics(group),
        rank: index + 1,
        by,
        value,
        label: (value && labels.get(value)) ?? null,
      };
    });
  }

  async monthToDate(
    actor: Actor,
    tenantId: string | null | undefined,
    asOfInput: Date | null | undefined,
  ): Promise<MonthToDateSpend> {
    const asOf = asOfInput ?? new Date();
    const tenant = await resolveForecastTenant(this.prisma.db, actor, tenantId);
    const timeZone = tenant?.timezone ?? 'UTC';
    const [bounds] = await this.prisma.db.$queryRaw<MonthBounds[]>(monthBoundsSql(asOf, timeZone));
    if (!bounds) throw new Error('month bounds query returned no row');
    const scope: UsageScope = {
      tenantId: tenant?.id ?? null,
      apiKeyId: undefined,
      model: undefined,
      provider: undefined,
      tag: undefined,
      from: bounds.monthStart,
      to: asOf,
      timeZone,
    };
    const [raw] = await this.prisma.db.$queryRaw<RawUsageRow[]>(totalUsageSql(scope));
    const spent = toUsageSums(raw ?? {});
    const forecast = forecastMonthSpend({ spentNanoUsd: spent.costNanoUsd, asOf, ...bounds });
    return {
      tenantId: tenant?.id ?? null,
      timeZone,
      asOf,
      monthStart: bounds.monthStart,
      monthEnd: bounds.monthEnd,
      daysInMonth: bounds.daysInMonth,
      elapsedDays: (asOf.getTime() - bounds.monthStart.getTime()) / 86_400_000,
      requests: spent.requests.toString(),
      spentNanoUsd: spent.costNanoUsd.toString(),
      spentUsd: formatNanoUsd(spent.costNanoUsd),
      forecastNanoUsd: forecast.toString(),
      forecastUsd: formatNanoUsd(forecast),
    };
  }

  /** The same rows as usageReport, as RFC 4180 CSV text ('' = none; money exact). */
  async usageCsv(
    actor: Actor,
    period: ReportPeriodInput,
    groupByInput: readonly string[],
    filter: UsageFilterInput | null | undefined,
  ): Promise<string> {
    const groupBy = this.parseGroupBy(groupByInput);
    const scope = await resolveUsageScope(this.prisma.db, actor, period, filter);
    const { groups } = await this.groupsAndTotals(
      scope,
      groupBy,
      maxCsvRows,
      'or export it in parts',
    );
    const header = [
      ...groupBy.map((dimension) => csvDimensionColumn[dimension]),
      ...csvMetricColumns,
    ];
    const rows = groups.map((group) => {
      const metrics = toMetrics(group);
      return [
        ...group.values,
        metrics.requests,
        metrics.errors,
        metrics.inputTokens,
        metrics.outputTokens,
        metrics.cacheReadTokens,
        metrics.cacheWriteTokens,
        metrics.reasoningTokens,
        metrics.costNanoUsd,
        metrics.costUsd,
      ];
    });
    return formatCsv(header, rows);
  }

  private parseGroupBy(input: readonly string[]): UsageDimensionName[] {
    return parseInput(groupBySchema, input, 'groupBy') as UsageDimensionName[];
  }

  private frame(scope: UsageScope, totals: UsageSums) {
    return {
      from: scope.from,
      to: scope.to,
      timeZone: scope.timeZone,
      currency: 'USD',
      totals: toMetrics(totals),
    };
  }

  /** Groups and totals read in one repeatable-read snapshot, so they agree while the worker writes. */
  private async groupsAndTotals(
    scope: UsageScope,
    groupBy: readonly UsageDimensionName[],
    maxRows: number,
    alternative: string,
  ): Promise<{ groups: UsageGroup[]; totals: UsageSums }> {
    const { db } = this.prisma;
    const [rawGroups, rawTotals] = await db.$transaction(
      [
        db.$queryRaw<RawUsageRow[]>(
          groupedUsageSql(scope, groupBy, { orderBy: 'dimensions', limit: maxRows + 1 }),
        ),
        db.$queryRaw<RawUsageRow[]>(totalUsageSql(scope)),
      ],
      { isolationLevel: Prisma.TransactionIsolationLevel.RepeatableRead },
    );
    if (rawGroups.length > maxRows) {
      throw BadUserInputError.field(
        'groupBy',
        `the report has more than ${maxRows} rows; narrow the period or filters, group by fewer dimensions ${alternative}`.trim(),
      );
    }
    return {
      groups: rawGroups.map((row) => toUsageGroup(row, groupBy.length)),
      totals: toUsageSums(rawTotals[0] ?? {}),
    };
  }

  /** Display names for tenants and keys (every value here already passed the actor's scope). */
  private async labels(by: SpenderDimensionName, values: string[]): Promise<Map<string, string>> {
    const ids = values.filter(Boolean);
    if (ids.length === 0) return new Map();
    if (by === 'TENANT') {
      const tenants = await this.prisma.db.tenant.findMany({
        where: { id: { in: ids } },
        select: { id: true, name: true },
      });
      return new Map(tenants.map((tenant) => [tenant.id, tenant.name]));
    }
    if (by === 'API_KEY') {
      const keys = await this.prisma.db.apiKey.findMany({
        where: { id: { in: ids } },
        select: { id: true, name: true },
      });
      return new Map(keys.map((key) => [key.id, key.name]));
    }
    return new Map();
  }
}
