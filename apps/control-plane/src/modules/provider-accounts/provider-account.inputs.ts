import { Field, ID, InputType, Int } from '@nestjs/graphql';
import { z } from 'zod';
import { JsonScalar } from '../../graphql/json-scalar.js';
import { fields } from '../../graphql/parse-input.js';

const providerType = z
  .string()
  .regex(
    /^[a-z][a-z0-9-]{1,40}$/,
    'must be an adapter name such as openai, anthropic or azure-openai',
  );
const secret = z
  .string()
  .min(8, 'must be at least 8 characters')
  .max(8_192, 'must be at most 8192 characters')
  .regex(/^\S+$/, 'must not contain whitespace');
const weight = z
  .number()
  .int()
  .min(0, 'must be 0 or more')
  .max(1_000_000, 'must be at most 1000000');
const options = z.record(z.string(), z.string({ error: 'option values must be strings' }), {
  error: 'must be a JSON object of string values',
});
const region = z.string().trim().min(1).max(64);

export const upstreamKeySchema = z.object({ secret, weight: weight.optional() });

export const createProviderAccountSchema = z.object({
  tenantId: fields.id.optional(),
  name: fields.name,
  providerType,
  baseUrl: fields.httpUrl,
  region: region.optional(),
  options: options.optional(),
  enabled: z.boolean().optional(),
  upstreamKeys: z.array(upstreamKeySchema).max(50, 'at most 50 keys').optional(),
});

export const updateProviderAccountSchema = z.object({
  name: fields.name.optional(),
  baseUrl: fields.httpUrl.optional(),
  region: region.optional(),
  clearRegion: z.boolean().optional(),
  options: options.optional(),
  enabled: z.boolean().optional(),
});

export const addUpstreamKeySchema = upstreamKeySchema.extend({ providerAccountId: fields.id });
export const updateUpstreamKeySchema = z.object({
  secret: secret.optional(),
  weight: weight.optional(),
  enabled: z.boolean().optional(),
});

@InputType({ description: 'An upstream secret to seal and store.' })
export class UpstreamKeyInput {
  @Field({ description: 'The provider API key; write-only, sealed with the master key.' })
  secret!: string;

  @Field(() => Int, { nullable: true, description: 'Relative traffic share (default 1).' })
  weight?: number | null;
}

@InputType({ description: 'A new provider account.' })
export class CreateProviderAccountInput {
  @Field(() => ID, {
    nullable: true,
    description: 'Owning tenant; omit for a platform-shared account (platform admins).',
  })
  tenantId?: string | null;

  @Field({ description: 'Display name, unique per tenant.' })
  name!: string;

  @Field({ description: 'Adapter type, e.g. openai.' })
  providerType!: string;

  @Field({
    description: 'API base URL; loopback/private addresses are refused unless allowlisted.',
  })
  baseUrl!: string;

  @Field(() => String, { nullable: true, description: 'Region label, e.g. eu-west-1.' })
  region?: string | null;

  @Field(() => JsonScalar, {
    nullable: true,
    description: 'Non-secret adapter settings (string values).',
  })
  options?: unknown;

  @Field(() => Boolean, { nullable: true, description: 'Default true.' })
  enabled?: boolean | null;

  @Field(() => [UpstreamKeyInput], {
    nullable: true,
    description: 'Upstream keys to add right away.',
  })
  upstreamKeys?: UpstreamKeyInput[] | null;
}

@InputType({ description: 'Changes to a provider account; omitted fields stay as they are.' })
export class UpdateProviderAccountInput {
  @Field(() => String, { nullable: true, description: 'New display name.' })
  name?: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'New base URL (same SSRF rules as on create).',
  })
  baseUrl?: string | null;

  @Field(() => String, { nullable: true, description: 'New region label.' })
  region?: string | null;

  @Field(() => Boolean, { nullable: true, description: 'Remove the region label.' })
  clearRegion?: boolean | null;

  @Field(() => JsonScalar, { nullable: true, description: 'Replaces the adapter settings.' })
  options?: unknown;

  @Field(() => Boolean, { nullable: true, description: 'Enable or disable the account.' })
  enabled?: boolean | null;
}

@InputType({ description: 'A new upstream key for an existing account.' })
export class AddUpstreamKeyInput extends UpstreamKeyInput {
  @Field(() => ID, { description: 'Provider account to add the key to.' })
  providerAccountId!: string;
}

@InputType({ description: 'Changes to an upstream key; omitted fields stay as they are.' })
export class UpdateUpstreamKeyInput {
  @Field(() => String, { nullable: true, description: 'Replace the secret (write-only).' })
  secret?: string | null;

  @Field(() => Int, { nullable: true, description: 'New traffic share.' })
  weight?: number | null;

  @Field(() => Boolean, { nullable: true, description: 'Enable or disable the key.' })
  enabled?: boolean | null;
}
