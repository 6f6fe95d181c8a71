/** GraphQL documents and result types of the report queries, shared by the report tests. */

const metrics =
  'requests errors inputTokens outputTokens cacheReadTokens cacheWriteTokens reasoningTokens costNanoUsd costUsd';

export interface Metrics {
  requests: string;
  errors: string;
  inputTokens: string;
  outputTokens: string;
  cacheReadTokens: string;
  cacheWriteTokens: string;
  reasoningTokens: string;
  costNanoUsd: string;
  costUsd: string;
}

export interface ReportRow extends Metrics {
  tenantId: string | null;
  apiKeyId: string | null;
  user: string | null;
  model: string | null;
  provider: string | null;
  tag: string | null;
  day: string | null;
}

export interface UsageReportData {
  usageReport: {
    from: string;
    to: string;
    timeZone: string;
    currency: string;
    groupBy: string[];
    rows: ReportRow[];
    totals: Metrics;
  };
}

export const usageReportQuery = `query($period: ReportPeriodInput!, $groupBy: [UsageDimension!]!, $filter: UsageFilterInput) {
  usageReport(period: $period, groupBy: $groupBy, filter: $filter) {
    from to timeZone currency groupBy
    rows { tenantId apiKeyId user model provider tag day ${metrics} }
    totals { ${metrics} }
  }
}`;

export interface DailyUsageData {
  dailyUsage: { timeZone: string; days: Array<Metrics & { day: string }>; totals: Metrics };
}

export const dailyUsageQuery = `query($period: ReportPeriodInput!, $filter: UsageFilterInput) {
  dailyUsage(period: $period, filter: $filter) {
    timeZone days { day ${metrics} } totals { ${metrics} }
  }
}`;

export interface TopSpendersData {
  topSpenders: Array<
    Metrics & { rank: number; by: string; value: string | null; label: string | null }
  >;
}

export const topSpendersQuery = `query($period: ReportPeriodInput!, $by: SpenderDimension!, $limit: Int, $filter: UsageFilterInput) {
  topSpenders(period: $period, by: $by, limit: $limit, filter: $filter) { rank by value label ${metrics} }
}`;

export interface MonthToDateData {
  monthToDateSpend: {
    tenantId: string | null;
    timeZone: string;
    asOf: string;
    monthStart: string;
    monthEnd: string;
    daysInMonth: number;
    elapsedDays: number;
    requests: string;
    spentNanoUsd: string;
    spentUsd: string;
    forecastNanoUsd: string;
    forecastUsd: string;
  };
}

export const monthToDateQuery = `query($tenantId: ID, $asOf: DateTime) {
  monthToDateSpend(tenantId: $tenantId, asOf: $asOf) {
    tenantId timeZone asOf monthStart monthEnd daysInMonth elapsedDays
    requests spentNanoUsd spentUsd forecastNanoUsd forecastUsd
  }
}`;

export const alertsQuery = `query($first: Int, $after: String, $filter: AlertFilter) {
  alerts(first: $first, after: $after, filter: $filter) {
    nodes { id tenantId channelId kind status attempts lastError firedAt deliveredAt payload }
    pageInfo { endCursor hasNextPage }
  }
}`;

/** The dimension values of a report row in groupBy order, '' for none. */
export function rowKey(row: ReportRow, groupBy: readonly string[]): string {
  const field: Record<string, keyof ReportRow> = {
    TENANT: 'tenantId',
    API_KEY: 'apiKeyId',
    USER: 'user',
    MODEL: 'model',
    PROVIDER: 'provider',
    TAG: 'tag',
    DAY: 'day',
  };
  return JSON.stringify(groupBy.map((dimension) => row[field[dimension]!] ?? ''));
}

/** The integer metrics of a row (no dimensions, no derived USD decimal), for exact comparison. */
export function integerMetrics(row: Metrics): Omit<Metrics, 'costUsd'> {
  return {
    requests: row.requests,
    errors: row.errors,
    inputTokens: row.inputTokens,
    outputTokens: row.outputTokens,
    cacheReadTokens: row.cacheReadTokens,
    cacheWriteTokens: row.cacheWriteTokens,
    reasoningTokens: row.reasoningTokens,
    costNanoUsd: row.costNanoUsd,
  };
}
