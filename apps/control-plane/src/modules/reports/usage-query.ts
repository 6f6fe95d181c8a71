import { Prisma } from '@switchyard/db';
import type { UsageDimensionName } from './usage-dimension.js';

/**
 * Usage reports are computed from request_logs, not from the usage_hourly/usage_daily rollups:
 * the worker writes a tagged request once per tag and has no "all tags" row, so no grouping
 * without TAG could be summed from the rollups without double counting; rollup buckets are UTC
 * hours, which cannot give local days in zones with half-hour offsets; and only the logs know
 * the end user. Reading the logs makes every number exact by construction; the period cap
 * (report.inputs.ts) and the (tenant_id, created_at) index bound the scan.
 */

/** Everything a report is narrowed to, already checked against the actor. */
export interface UsageScope {
  /** Set for tenant-scoped actors (always their own tenant) and tenant filters. */
  tenantId: string | null;
  apiKeyId: string | undefined;
  model: string | undefined;
  provider: string | undefined;
  tag: string | undefined;
  from: Date;
  to: Date;
  timeZone: string;
}

/** Exact sums of one group (or of the whole period). */
export interface UsageSums {
  requests: bigint;
  errors: bigint;
  inputTokens: bigint;
  outputTokens: bigint;
  cacheReadTokens: bigint;
  cacheWriteTokens: bigint;
  reasoningTokens: bigint;
  costNanoUsd: bigint;
}

export interface UsageGroup extends UsageSums {
  /** Dimension values in groupBy order; '' = none. */
  values: string[];
}

/** Sums as text: SUM(bigint) is numeric in Postgres and may pass 2^53; text keeps it exact. */
const sums = Prisma.sql`
  COUNT(*)::text AS "requests",
  COUNT(*) FILTER (WHERE r.status >= 400)::text AS "errors",
  COALESCE(SUM(r.input_tokens), 0)::text AS "inputTokens",
  COALESCE(SUM(r.output_tokens), 0)::text AS "outputTokens",
  COALESCE(SUM(r.cache_read_tokens), 0)::text AS "cacheReadTokens",
  COALESCE(SUM(r.cache_write_tokens), 0)::text AS "cacheWriteTokens",
  COALESCE(SUM(r.reasoning_tokens), 0)::text AS "reasoningTokens",
  COALESCE(SUM(r.cost_nano_usd), 0)::text AS "costNanoUsd"`;

/** The model dimension matches the worker's rollups: what served the request, else what was asked. */
const modelExpression = Prisma.sql`COALESCE(r.served_model, r.requested_model)`;

function dimensionExpression(dimension: UsageDimensionName, scope: UsageScope): Prisma.Sql {
  switch (dimension) {
    case 'TENANT':
      return Prisma.sql`r.tenant_id`;
    case 'API_KEY':
      return Prisma.sql`COALESCE(r.api_key_id, '')`;
    case 'USER':
      return Prisma.sql`COALESCE(r.end_user, '')`;
    case 'MODEL':
      return modelExpression;
    case 'PROVIDER':
      return Prisma.sql`COALESCE(r.provider, '')`;
    case 'TAG':
      // Filtered to one tag, that tag is the only one a row can be counted under.
      return scope.tag === undefined
        ? Prisma.sql`COALESCE(t.tag, '')`
        : Prisma.sql`${scope.tag}::text`;
    case 'DAY':
      return Prisma.sql`to_char(r.created_at AT TIME ZONE ${scope.timeZone}, 'YYYY-MM-DD')`;
  }
}

function whereClause(scope: UsageScope): Prisma.Sql {
  const conditions = [
    Prisma.sql`r.created_at >= ${scope.from}::timestamptz`,
    Prisma.sql`r.created_at < ${scope.to}::timestamptz`,
  ];
  if (scope.tenantId !== null) conditions.push(Prisma.sql`r.tenant_id = ${scope.tenantId}`);
  if (scope.apiKeyId !== undefined) conditions.push(Prisma.sql`r.api_key_id = ${scope.apiKeyId}`);
  if (scope.model !== undefined) conditions.push(Prisma.sql`${modelExpression} = ${scope.model}`);
  if (scope.provider !== undefined) conditions.push(Prisma.sql`r.provider = ${scope.provider}`);
  if (scope.tag !== undefined) conditions.push(Prisma.sql`${scope.tag} = ANY(r.tags)`);
  return Prisma.join(conditions, ' AND ');
}

export interface GroupQueryOptions {
  /** `dimensions`: ascending by the group values; `cost`: biggest spend first. */
  orderBy: 'dimensions' | 'cost';
  limit: number;
}

/**
 * One SELECT grouping request_logs by `groupBy`. A tagged request joins one row per distinct
 * tag (an untagged one a single row with tag ''), exactly as the worker's rollups count it.
 * Groups are referenced by position, since the time-zone parameter makes DAY's expression
 * differ textually between SELECT and GROUP BY.
 */
export function groupedUsageSql(
  scope: UsageScope,
  groupBy: readonly UsageDimensionName[],
  options: GroupQueryOptions,
): Prisma.Sql {
  const columns = groupBy.map(
    (dimension, index) =>
      Prisma.sql`${dimensionExpression(dimension, scope)} AS ${Prisma.raw(`"d${index}"`)}`,
  );
  const positions = groupBy.map((_, index) => Prisma.raw(String(index + 1)));
  const tagJoin =
    groupBy.includes('TAG') && scope.tag === undefined
      ? Prisma.sql`LEFT JOIN LATERAL (SELECT DISTINCT unnest(r.tags) AS tag) t ON true`
      : Prisma.empty;
  const groupClause =
    positions.length > 0 ? Prisma.sql`GROUP BY ${Prisma.join(positions, ', ')}` : Prisma.empty;
  const orderClause =
    options.orderBy === 'cost'
      ? Prisma.sql`ORDER BY COALESCE(SUM(r.cost_nano_usd), 0) DESC${
          positions.length > 0 ? Prisma.sql`, ${Prisma.join(positions, ', ')}` : Prisma.empty
        }`
      : positions.length > 0
        ? Prisma.sql`ORDER BY ${Prisma.join(positions, ', ')}`
        : Prisma.empty;
  const select = columns.length > 0 ? Prisma.sql`${Prisma.join(columns, ', ')}, ${sums}` : sums;
  return Prisma.sql`SELECT ${select}
    FROM request_logs r ${tagJoin}
    WHERE ${whereClause(scope)}
    ${groupClause} ${orderClause}
    LIMIT ${options.limit}`;
}

/** Totals of the period with every request counted once, whatever its tags. */
export function totalUsageSql(scope: UsageScope): Prisma.Sql {
  return Prisma.sql`SELECT ${sums} FROM request_logs r WHERE ${whereClause(scope)}`;
}

/** Each local calendar day [from, to) touches, in the scope's time zone. */
export function periodDaysSql(scope: UsageScope): Prisma.Sql {
  return Prisma.sql`SELECT to_char(day, 'YYYY-MM-DD') AS "day"
    FROM generate_series(
      (${scope.from}::timestamptz AT TIME ZONE ${scope.timeZone})::date,
      ((${scope.to}::timestamptz - interval '1 millisecond') AT TIME ZONE ${scope.timeZone})::date,
      interval '1 day') AS day
    ORDER BY 1`;
}

export interface MonthBounds {
  monthStart: Date;
  monthEnd: Date;
  daysInMonth: number;
}

/** Local midnight on the 1st of asOf's month, of the next month, and the month's length in days. */
export function monthBoundsSql(asOf: Date, timeZone: string): Prisma.Sql {
  return Prisma.sql`SELECT (local_start AT TIME ZONE ${timeZone}) AS "monthStart",
      ((local_start + interval '1 month') AT TIME ZONE ${timeZone}) AS "monthEnd",
      EXTRACT(DAY FROM local_start + interval '1 month' - interval '1 day')::int AS "daysInMonth"
    FROM (SELECT date_trunc('month', ${asOf}::timestamptz AT TIME ZONE ${timeZone}) AS local_start) bounds`;
}

export type RawUsageRow = Record<string, string | null>;

export function toUsageSums(raw: RawUsageRow): UsageSums {
  const read = (name: keyof UsageSums) => BigInt(raw[name] ?? '0');
  return {
    requests: read('requests'),
    errors: read('errors'),
    inputTokens: read('inputTokens'),
    outputTokens: read('outputTokens'),
    cacheReadTokens: read('cacheReadTokens'),
    cacheWriteTokens: read('cacheWriteTokens'),
    reasoningTokens: read('reasoningTokens'),
    costNanoUsd: read('costNanoUsd'),
  };
}

export function toUsageGroup(raw: RawUsageRow, dimensions: number): UsageGroup {
  const values = Array.from({ length: dimensions }, (_, index) => raw[`d${index}`] ?? '');
  return { ...toUsageSums(raw), values };
}

export const zeroSums: UsageSums = toUsageSums({});
