import { ArgsType, Field, ID, InputType, Int, ObjectType } from '@nestjs/graphql';
import { BudgetAction, BudgetPeriod, BudgetScopeType } from '../../graphql/enums.js';
import { ConnectionType, PageArgs } from '../../graphql/pagination.js';

@ObjectType({ description: 'Authoritative spend of a budget in one period (kept by the worker).' })
export class BudgetSpend {
  @Field({ description: 'Start of the period.' })
  periodStart!: Date;

  @Field({ description: 'Spend so far, integer nano-USD as digits.' })
  spentNanoUsd!: string;

  @Field({ description: 'Requests counted, as digits.' })
  requestCount!: string;
}

@ObjectType({ description: 'A spend limit for a tenant, key, provider, model, tag or end user.' })
export class Budget {
  @Field(() => ID, { description: 'Budget id.' })
  id!: string;

  @Field(() => ID, { description: 'Tenant it belongs to.' })
  tenantId!: string;

  @Field({ description: 'Name, unique per tenant.' })
  name!: string;

  @Field(() => BudgetScopeType, { description: 'What the budget counts.' })
  scopeType!: keyof typeof BudgetScopeType;

  @Field(() => String, {
    nullable: true,
    description: 'Key id, provider, model id, tag or user; null for TENANT.',
  })
  scopeValue!: string | null;

  @Field(() => BudgetPeriod, { description: 'Reset period.' })
  period!: keyof typeof BudgetPeriod;

  @Field({ description: 'Limit per period, integer nano-USD as digits ("1000000000" = $1).' })
  limitNanoUsd!: string;

  @Field(() => BudgetAction, { description: 'What happens at the limit.' })
  action!: keyof typeof BudgetAction;

  @Field(() => ID, { nullable: true, description: 'Model served instead when action = DOWNGRADE.' })
  downgradeModelId!: string | null;

  @Field(() => [Int], { description: 'Percentages of the limit at which alerts fire.' })
  alertThresholds!: number[];

  @Field({ description: 'Disabled budgets are not enforced.' })
  enabled!: boolean;

  @Field(() => BudgetSpend, {
    nullable: true,
    description: 'Spend in the most recent period the worker recorded.',
  })
  currentSpend!: BudgetSpend | null;

  @Field({ description: 'Creation time.' })
  createdAt!: Date;

  @Field({ description: 'Last change.' })
  updatedAt!: Date;
}

@ObjectType({ description: 'A page of budgets.' })
export class BudgetConnection extends ConnectionType(Budget) {}

@InputType({ description: 'Narrows the budget list.' })
export class BudgetFilter {
  @Field(() => ID, { nullable: true, description: 'Only this tenant’s budgets.' })
  tenantId?: string | null;

  @Field(() => BudgetScopeType, { nullable: true, description: 'Only this scope type.' })
  scopeType?: keyof typeof BudgetScopeType | null;

  @Field(() => Boolean, { nullable: true, description: 'Only enabled (true) or disabled (false).' })
  enabled?: boolean | null;
}

@ArgsType()
export class BudgetListArgs extends PageArgs {
  @Field(() => BudgetFilter, { nullable: true, description: 'Filters; omit for all you may see.' })
  filter?: BudgetFilter | null;
}
