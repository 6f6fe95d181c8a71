import { Field, ID, InputType } from '@nestjs/graphql';
import { z } from 'zod';
import { fields } from '../../graphql/parse-input.js';
import { usageDimensionNames } from './usage-dimension.js';

/** Longest period one report may cover: a (leap) year, so a query stays a bounded scan. */
export const maxPeriodDays = 366;
const dayMs = 86_400_000;

/**
 * A zone name from the IANA database, which both Intl (checking it) and Postgres (computing the
 * days) read the same way. Offsets such as "+05:30" are refused even if a newer Intl accepts
 * them: Postgres would read them as POSIX zones, where positive means west of Greenwich.
 */
export function isTimeZone(name: string): boolean {
  if (!/^[A-Za-z][A-Za-z0-9_+\-/]*$/.test(name)) return false;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: name });
    return true;
  } catch {
    return false;
  }
}

export const periodSchema = z
  .object({
    from: z.date({ error: 'must be a date-time' }),
    to: z.date({ error: 'must be a date-time' }),
    timeZone: z
      .string()
      .refine(isTimeZone, 'must be an IANA time zone such as UTC or Europe/Berlin')
      .optional(),
  })
  .superRefine((period, context) => {
    const length = period.to.getTime() - period.from.getTime();
    if (length <= 0) {
      context.addIssue({
        code: 'custom',
        path: ['to'],
        message: `must be after from (${period.from.toISOString()}); the period is [from, to)`,
      });
    } else if (length > maxPeriodDays * dayMs) {
      context.addIssue({
        code: 'custom',
        path: ['to'],
        message: `the period is longer than ${maxPeriodDays} days; ask for at most ${maxPeriodDays} days at a time`,
      });
    }
  });
export type ReportPeriod = z.output<typeof periodSchema>;

const filterText = z.string().trim().min(1, 'must not be empty').max(500);
export const usageFilterSchema = z.object({
  tenantId: fields.id.optional(),
  apiKeyId: fields.id.optional(),
  model: filterText.optional(),
  provider: filterText.optional(),
  tag: filterText.optional(),
});
export type UsageFilterValues = z.output<typeof usageFilterSchema>;

export const groupBySchema = z
  .array(z.enum(usageDimensionNames as [string, ...string[]]))
  .refine((values) => new Set(values).size === values.length, 'must not name a dimension twice');

@InputType({ description: 'A report period: the half-open interval [from, to).' })
export class ReportPeriodInput {
  @Field({ description: 'First instant included.' })
  from!: Date;

  @Field({ description: `First instant excluded; at most ${maxPeriodDays} days after from.` })
  to!: Date;

  @Field(() => String, {
    nullable: true,
    description:
      'IANA time zone for DAY buckets; default: the tenant’s (when the report covers one tenant), else UTC.',
  })
  timeZone?: string | null;
}

@InputType({ description: 'Narrows a usage report; all given filters must hold.' })
export class UsageFilterInput {
  @Field(() => ID, {
    nullable: true,
    description: 'Only this tenant (tenant-scoped principals: always their own).',
  })
  tenantId?: string | null;

  @Field(() => ID, { nullable: true, description: 'Only requests made with this API key.' })
  apiKeyId?: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'Only this model (served model, else the requested one).',
  })
  model?: string | null;

  @Field(() => String, { nullable: true, description: 'Only this provider type, e.g. openai.' })
  provider?: string | null;

  @Field(() => String, { nullable: true, description: 'Only requests carrying this tag.' })
  tag?: string | null;
}
