import { Field, Int, ObjectType } from '@nestjs/graphql';

const nanoUsd = 'integer nano-USD as decimal digits (GraphQL Int cannot hold it)';

@ObjectType({
  description:
    'What re-costing a period did (or, in a dry run, would do). Skipped requests keep their cost.',
})
export class RecostUsageResult {
  @Field({ description: 'True when nothing was written.' })
  dryRun!: boolean;

  @Field(() => Int, { description: 'Request logs in the period (and filters).' })
  rowsExamined!: number;

  @Field(() => Int, { description: 'Request logs whose cost changed.' })
  rowsChanged!: number;

  @Field(() => Int, {
    description:
      'Request logs left as they are: rowsWithoutModel + rowsWithoutPrice + rowsWithInvalidUsage.',
  })
  rowsSkipped!: number;

  @Field(() => Int, {
    description:
      'Skipped: no catalog model recorded (failed before routing, or logged before model ids were kept).',
  })
  rowsWithoutModel!: number;

  @Field(() => Int, { description: 'Skipped: no price of the model effective when received.' })
  rowsWithoutPrice!: number;

  @Field(() => Int, {
    description: 'Skipped: token counts that contradict each other (e.g. cached > input).',
  })
  rowsWithInvalidUsage!: number;

  @Field({ description: `Cost of the examined requests before, ${nanoUsd}.` })
  oldTotalNanoUsd!: string;

  @Field({ description: `Cost of the examined requests after, ${nanoUsd}.` })
  newTotalNanoUsd!: string;

  @Field(() => Int, { description: 'usage_hourly rows rebuilt from the request logs.' })
  hourlyRollupsRebuilt!: number;

  @Field(() => Int, { description: 'usage_daily rows rebuilt from the request logs.' })
  dailyRollupsRebuilt!: number;

  @Field(() => Int, {
    description: 'Budget periods whose spend moved by the cost change of their requests.',
  })
  budgetPeriodsAdjusted!: number;
}
