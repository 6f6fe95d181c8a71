import { Field, Float, ID, Int, ObjectType } from '@nestjs/graphql';
import {
  SpenderDimension,
  UsageDimension,
  type SpenderDimensionName,
  type UsageDimensionName,
} from './usage-dimension.js';

/**
 * Money in reports is integer nano-USD (1 USD = 1,000,000,000 nano-USD): the unit prices and
 * request costs are computed in, so every sum is exact. GraphQL Int is 32-bit, so counters and
 * money travel as decimal digit strings; `costUsd` is the same amount as an exact decimal.
 */
@ObjectType({ isAbstract: true })
export abstract class UsageMetrics {
  @Field({ description: 'Requests, as digits.' })
  requests!: string;

  @Field({ description: 'Requests answered with an HTTP status ≥ 400, as digits.' })
  errors!: string;

  @Field({ description: 'Input (prompt) tokens, as digits.' })
  inputTokens!: string;

  @Field({ description: 'Output (completion) tokens, as digits.' })
  outputTokens!: string;

  @Field({ description: 'Input tokens read from the provider’s prompt cache, as digits.' })
  cacheReadTokens!: string;

  @Field({ description: 'Input tokens written to the provider’s prompt cache, as digits.' })
  cacheWriteTokens!: string;

  @Field({ description: 'Reasoning (thinking) tokens, as digits.' })
  reasoningTokens!: string;

  @Field({
    description: 'Cost in integer nano-USD as digits (smallest unit; "1000000000" = $1).',
  })
  costNanoUsd!: string;

  @Field({
    description: 'The same cost in USD as an exact decimal with 9 places, e.g. "1.250000000".',
  })
  costUsd!: string;
}

@ObjectType({
  description:
    'One group of a usage report. Only the dimensions the report is grouped by are set; null there means none (no key, no end user, untagged …).',
})
export class UsageReportRow extends UsageMetrics {
  @Field(() => ID, { nullable: true, description: 'Tenant (grouped by TENANT).' })
  tenantId!: string | null;

  @Field(() => ID, { nullable: true, description: 'API key (grouped by API_KEY).' })
  apiKeyId!: string | null;

  @Field(() => String, { nullable: true, description: 'End user (grouped by USER).' })
  user!: string | null;

  @Field(() => String, { nullable: true, description: 'Model (grouped by MODEL).' })
  model!: string | null;

  @Field(() => String, { nullable: true, description: 'Provider type (grouped by PROVIDER).' })
  provider!: string | null;

  @Field(() => String, { nullable: true, description: 'Tag (grouped by TAG).' })
  tag!: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'Day, YYYY-MM-DD in the report’s time zone (grouped by DAY).',
  })
  day!: string | null;
}

@ObjectType({ description: 'Totals over every request of a report, each request counted once.' })
export class UsageTotals extends UsageMetrics {}

@ObjectType({ isAbstract: true })
abstract class ReportFrame {
  @Field({ description: 'First instant included.' })
  from!: Date;

  @Field({ description: 'First instant excluded.' })
  to!: Date;

  @Field({ description: 'IANA time zone the days of this report are in.' })
  timeZone!: string;

  @Field({ description: 'Currency of all money fields (always USD; amounts in nano-USD).' })
  currency!: string;

  @Field(() => UsageTotals, {
    description: 'Totals of the period, each request counted once (even with several tags).',
  })
  totals!: UsageTotals;
}

@ObjectType({
  description:
    'Usage of a period grouped by dimensions, from the request logs. Rows sum exactly to the totals, except with TAG: a request with several tags is in several rows.',
})
export class UsageReport extends ReportFrame {
  @Field(() => [UsageDimension], { description: 'The dimensions rows are grouped by, in order.' })
  groupBy!: UsageDimensionName[];

  @Field(() => [UsageReportRow], { description: 'One row per group, ordered by the dimensions.' })
  rows!: UsageReportRow[];
}

@ObjectType({ description: 'Usage of one day.' })
export class UsageDay extends UsageMetrics {
  @Field({ description: 'Day, YYYY-MM-DD in the series’ time zone.' })
  day!: string;
}

@ObjectType({ description: 'Usage per day over a period, every day present (zeros included).' })
export class DailyUsage extends ReportFrame {
  @Field(() => [UsageDay], { description: 'Each day the period touches, oldest first.' })
  days!: UsageDay[];
}

@ObjectType({ description: 'One of the biggest spenders of a period.' })
export class Spender extends UsageMetrics {
  @Field(() => Int, { description: 'Position, 1 = spent most.' })
  rank!: number;

  @Field(() => SpenderDimension, { description: 'What was ranked.' })
  by!: SpenderDimensionName;

  @Field(() => String, {
    nullable: true,
    description: 'Tenant id, key id, user, model, provider or tag; null = none.',
  })
  value!: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'Display name of a tenant or key (null for other dimensions).',
  })
  label!: string | null;
}

@ObjectType({
  description:
    'Spend since the start of the month in the tenant’s time zone, and a straight-line forecast for the whole month.',
})
export class MonthToDateSpend {
  @Field(() => ID, { nullable: true, description: 'Tenant; null = the whole platform (in UTC).' })
  tenantId!: string | null;

  @Field({ description: 'IANA time zone the month is measured in.' })
  timeZone!: string;

  @Field({ description: 'The instant the figures are as of (default: now).' })
  asOf!: Date;

  @Field({ description: 'Start of the month (local midnight on the 1st).' })
  monthStart!: Date;

  @Field({ description: 'Start of the next month.' })
  monthEnd!: Date;

  @Field(() => Int, { description: 'Calendar days in the month.' })
  daysInMonth!: number;

  @Field(() => Float, {
    description: 'Days elapsed since monthStart (informational; the forecast uses exact integers).',
  })
  elapsedDays!: number;

  @Field({ description: 'Requests so far this month, as digits.' })
  requests!: string;

  @Field({ description: 'Spend so far this month, integer nano-USD as digits.' })
  spentNanoUsd!: string;

  @Field({ description: 'Spend so far as an exact USD decimal.' })
  spentUsd!: string;

  @Field({
    description:
      'Forecast for the whole month, integer nano-USD as digits: spent × month length ÷ elapsed time, rounded half up.',
  })
  forecastNanoUsd!: string;

  @Field({ description: 'The forecast as an exact USD decimal.' })
  forecastUsd!: string;
}
