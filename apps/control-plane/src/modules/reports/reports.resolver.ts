import { Args, ID, Int, Query, Resolver } from '@nestjs/graphql';
import type { Actor } from '../auth/actor.js';
import { Allow, anyRole, CurrentActor } from '../auth/allow.decorator.js';
import { ReportPeriodInput, UsageFilterInput } from './report.inputs.js';
import { DailyUsage, MonthToDateSpend, Spender, UsageReport } from './report.model.js';
import { maxTopSpenders, ReportsService } from './reports.service.js';
import {
  SpenderDimension,
  UsageDimension,
  type SpenderDimensionName,
  type UsageDimensionName,
} from './usage-dimension.js';

const period = { type: () => ReportPeriodInput, description: 'The period [from, to).' };
const filter = {
  type: () => UsageFilterInput,
  nullable: true,
  description: 'Filters; omit for everything you may read.',
};

/** Cost reports for finance and admins; tenant-scoped principals only ever see their tenant. */
@Resolver()
export class ReportsResolver {
  constructor(private readonly service: ReportsService) {}

  @Query(() => UsageReport, {
    description:
      'Requests, tokens and exact cost of a period grouped by any dimensions (also as CSV: GET /reports/usage.csv).',
  })
  @Allow(...anyRole)
  usageReport(
    @CurrentActor() actor: Actor,
    @Args('period', period) periodInput: ReportPeriodInput,
    @Args('groupBy', {
      type: () => [UsageDimension],
      description: 'Dimensions to group by, in order; empty = one row for the whole period.',
    })
    groupBy: UsageDimensionName[],
    @Args('filter', filter) filterInput: UsageFilterInput | null,
  ): Promise<UsageReport> {
    return this.service.usageReport(actor, periodInput, groupBy, filterInput);
  }

  @Query(() => DailyUsage, { description: 'Usage per day of a period, zero days included.' })
  @Allow(...anyRole)
  dailyUsage(
    @CurrentActor() actor: Actor,
    @Args('period', period) periodInput: ReportPeriodInput,
    @Args('filter', filter) filterInput: UsageFilterInput | null,
  ): Promise<DailyUsage> {
    return this.service.dailyUsage(actor, periodInput, filterInput);
  }

  @Query(() => [Spender], { description: 'Who or what spent the most in a period.' })
  @Allow(...anyRole)
  topSpenders(
    @CurrentActor() actor: Actor,
    @Args('period', period) periodInput: ReportPeriodInput,
    @Args('by', { type: () => SpenderDimension, description: 'What to rank.' })
    by: SpenderDimensionName,
    @Args('limit', {
      type: () => Int,
      defaultValue: 10,
      description: `How many, 1–${maxTopSpenders} (default 10).`,
    })
    limit: number,
    @Args('filter', filter) filterInput: UsageFilterInput | null,
  ): Promise<Spender[]> {
    return this.service.topSpenders(actor, periodInput, by, limit, filterInput);
  }

  @Query(() => MonthToDateSpend, {
    description:
      'Spend this month so far (in the tenant’s time zone) and a straight-line forecast for the month.',
  })
  @Allow(...anyRole)
  monthToDateSpend(
    @CurrentActor() actor: Actor,
    @Args('tenantId', {
      type: () => ID,
      nullable: true,
      description:
        'Tenant (tenant-scoped principals: theirs); omit as a platform-wide principal for the whole platform in UTC.',
    })
    tenantId: string | null,
    @Args('asOf', {
      type: () => Date,
      nullable: true,
      description: 'Compute as of this instant instead of now (its month; spend before it).',
    })
    asOf: Date | null,
  ): Promise<MonthToDateSpend> {
    return this.service.monthToDate(actor, tenantId, asOf);
  }
}
