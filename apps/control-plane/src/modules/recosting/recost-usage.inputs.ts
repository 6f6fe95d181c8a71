import { Field, ID, InputType } from '@nestjs/graphql';
import { z } from 'zod';
import { fields } from '../../graphql/parse-input.js';

/** Longest period one re-costing may cover: a (leap) year, like a report, so it stays bounded. */
export const maxRecostDays = 366;
const dayMs = 86_400_000;

export const recostUsageSchema = z
  .object({
    from: z.date({ error: 'must be a date-time' }),
    to: z.date({ error: 'must be a date-time' }),
    modelId: fields.id.optional(),
    tenantId: fields.id.optional(),
    dryRun: z.boolean().default(false),
  })
  .superRefine((input, context) => {
    const length = input.to.getTime() - input.from.getTime();
    if (length <= 0) {
      context.addIssue({
        code: 'custom',
        path: ['to'],
        message: `must be after from (${input.from.toISOString()}); the period is [from, to)`,
      });
    } else if (length > maxRecostDays * dayMs) {
      context.addIssue({
        code: 'custom',
        path: ['to'],
        message: `the period is longer than ${maxRecostDays} days; re-cost at most ${maxRecostDays} days at a time`,
      });
    }
  });
export type RecostUsageValues = z.output<typeof recostUsageSchema>;

@InputType({ description: 'Which request logs to re-cost: those received in [from, to).' })
export class RecostUsageInput {
  @Field({ description: 'First instant included (when the gateway received the request).' })
  from!: Date;

  @Field({ description: `First instant excluded; at most ${maxRecostDays} days after from.` })
  to!: Date;

  @Field(() => ID, {
    nullable: true,
    description: 'Only requests priced with this catalog model; omit for every model.',
  })
  modelId?: string | null;

  @Field(() => ID, { nullable: true, description: 'Only this tenant’s requests; omit for all.' })
  tenantId?: string | null;

  @Field(() => Boolean, {
    nullable: true,
    description: 'Compute the summary without changing anything (default false).',
  })
  dryRun?: boolean | null;
}
