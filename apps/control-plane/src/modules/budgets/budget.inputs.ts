import { Field, ID, InputType, Int } from '@nestjs/graphql';
import { z } from 'zod';
import { BudgetAction, BudgetPeriod, BudgetScopeType } from '../../graphql/enums.js';
import { fields } from '../../graphql/parse-input.js';

const thresholds = z
  .array(
    z
      .number()
      .int()
      .min(1, 'thresholds are percentages from 1')
      .max(1000, 'thresholds are at most 1000%'),
  )
  .max(10, 'at most 10 thresholds')
  .refine((values) => new Set(values).size === values.length, 'must not repeat a threshold')
  .transform((values) => [...values].sort((a, b) => a - b));

const settings = z
  .object({
    name: fields.name,
    scopeType: z.enum(['TENANT', 'API_KEY', 'PROVIDER', 'MODEL', 'TAG', 'END_USER']),
    scopeValue: z.string().trim().min(1).max(200),
    period: z.enum(['DAILY', 'MONTHLY']),
    limitNanoUsd: fields.nanoUsd.refine((value) => value > 0n, 'must be more than 0'),
    action: z.enum(['WARN', 'DOWNGRADE', 'BLOCK']),
    downgradeModelId: fields.id,
    alertThresholds: thresholds,
    enabled: z.boolean(),
  })
  .partial();

export const createBudgetSchema = settings.extend({
  tenantId: fields.id.optional(),
  name: fields.name,
  scopeType: settings.shape.scopeType.unwrap(),
  period: settings.shape.period.unwrap(),
  limitNanoUsd: fields.nanoUsd.refine((value) => value > 0n, 'must be more than 0'),
  action: settings.shape.action.unwrap(),
});
export const updateBudgetSchema = settings.extend({
  clearDowngradeModelId: z.boolean().optional(),
});

@InputType({ isAbstract: true })
class BudgetSettingsInput {
  @Field(() => String, {
    nullable: true,
    description: 'Key id, provider type, model id, tag (key=value) or user id.',
  })
  scopeValue?: string | null;

  @Field(() => ID, {
    nullable: true,
    description: 'Model to serve instead; required when action = DOWNGRADE.',
  })
  downgradeModelId?: string | null;

  @Field(() => [Int], {
    nullable: true,
    description: 'Alert thresholds in percent (default 50, 80, 100).',
  })
  alertThresholds?: number[] | null;

  @Field(() => Boolean, { nullable: true, description: 'Default true.' })
  enabled?: boolean | null;
}

@InputType({ description: 'A new budget.' })
export class CreateBudgetInput extends BudgetSettingsInput {
  @Field(() => ID, { nullable: true, description: 'Tenant (tenant admins: defaults to yours).' })
  tenantId?: string | null;

  @Field({ description: 'Name, unique per tenant.' })
  name!: string;

  @Field(() => BudgetScopeType, { description: 'What the budget counts.' })
  scopeType!: keyof typeof BudgetScopeType;

  @Field(() => BudgetPeriod, { description: 'Reset period.' })
  period!: keyof typeof BudgetPeriod;

  @Field({ description: 'Limit per period, integer nano-USD as digits.' })
  limitNanoUsd!: string;

  @Field(() => BudgetAction, { description: 'What happens at the limit.' })
  action!: keyof typeof BudgetAction;
}

@InputType({ description: 'Changes to a budget; omitted fields stay as they are.' })
export class UpdateBudgetInput extends BudgetSettingsInput {
  @Field(() => String, { nullable: true, description: 'New name.' })
  name?: string | null;

  @Field(() => BudgetScopeType, { nullable: true, description: 'New scope type.' })
  scopeType?: keyof typeof BudgetScopeType | null;

  @Field(() => BudgetPeriod, { nullable: true, description: 'New period.' })
  period?: keyof typeof BudgetPeriod | null;

  @Field(() => String, { nullable: true, description: 'New limit, nano-USD as digits.' })
  limitNanoUsd?: string | null;

  @Field(() => BudgetAction, { nullable: true, description: 'New action.' })
  action?: keyof typeof BudgetAction | null;

  @Field(() => Boolean, { nullable: true, description: 'Remove the downgrade model.' })
  clearDowngradeModelId?: boolean | null;
}
