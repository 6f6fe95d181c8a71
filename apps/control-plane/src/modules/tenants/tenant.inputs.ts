import { Field, InputType, Int } from '@nestjs/graphql';
import { z } from 'zod';
import { UnsupportedParameterMode } from '../../graphql/enums.js';
import { fields } from '../../graphql/parse-input.js';

function isTimeZone(name: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: name });
    return true;
  } catch {
    return false;
  }
}

const tenantSettingsSchema = z
  .object({
    timezone: z
      .string()
      .refine(isTimeZone, 'must be an IANA timezone such as UTC or Europe/Berlin'),
    currency: z.string().regex(/^[A-Z]{3}$/, 'must be a three-letter ISO 4217 code such as USD'),
    unsupportedParameters: z.enum(['reject', 'drop']),
    payloadLogging: z.boolean(),
    payloadRetentionDays: z
      .number()
      .int()
      .min(1, 'must be at least 1 day')
      .max(3650, 'must be at most 3650 days'),
    allowedProviders: fields.labels,
    blockedProviders: fields.labels,
    allowedRegions: fields.labels,
    allowedModels: fields.labels,
  })
  .partial();

export const createTenantSchema = tenantSettingsSchema.extend({
  name: fields.name,
  slug: z
    .string()
    .regex(
      /^[a-z0-9][a-z0-9-]{1,62}$/,
      'must be 2–63 lower-case letters, digits or dashes, starting with a letter or digit',
    ),
});

export const updateTenantSchema = tenantSettingsSchema.extend({
  name: fields.name.optional(),
  disabled: z.boolean().optional(),
  clearPayloadRetentionDays: z.boolean().optional(),
});

@InputType({ isAbstract: true })
class TenantSettingsInput {
  @Field(() => String, {
    nullable: true,
    description: 'IANA timezone for budget periods and reports (default UTC).',
  })
  timezone?: string | null;

  @Field(() => String, { nullable: true, description: 'Display currency, ISO 4217 (default USD).' })
  currency?: string | null;

  @Field(() => UnsupportedParameterMode, {
    nullable: true,
    description: 'reject (default) or drop unsupported parameters.',
  })
  unsupportedParameters?: keyof typeof UnsupportedParameterMode | null;

  @Field(() => Boolean, {
    nullable: true,
    description: 'Store prompt/completion bodies in request logs.',
  })
  payloadLogging?: boolean | null;

  @Field(() => Int, { nullable: true, description: 'Days to keep logged bodies (1–3650).' })
  payloadRetentionDays?: number | null;

  @Field(() => [String], { nullable: true, description: 'Provider types allowed; empty = all.' })
  allowedProviders?: string[] | null;

  @Field(() => [String], { nullable: true, description: 'Provider types refused.' })
  blockedProviders?: string[] | null;

  @Field(() => [String], { nullable: true, description: 'Regions allowed; empty = any.' })
  allowedRegions?: string[] | null;

  @Field(() => [String], {
    nullable: true,
    description: 'Model names/aliases allowed; empty = all.',
  })
  allowedModels?: string[] | null;
}

@InputType({ description: 'A new tenant.' })
export class CreateTenantInput extends TenantSettingsInput {
  @Field({ description: 'Display name.' })
  name!: string;

  @Field({ description: 'Unique short name: lower-case letters, digits, dashes.' })
  slug!: string;
}

@InputType({ description: 'Changes to a tenant; omitted fields stay as they are.' })
export class UpdateTenantInput extends TenantSettingsInput {
  @Field(() => String, { nullable: true, description: 'New display name.' })
  name?: string | null;

  @Field(() => Boolean, {
    nullable: true,
    description: 'Disable (true) or re-enable (false) the tenant; platform admins only.',
  })
  disabled?: boolean | null;

  @Field(() => Boolean, {
    nullable: true,
    description: 'Reset payloadRetentionDays to the platform default.',
  })
  clearPayloadRetentionDays?: boolean | null;
}
