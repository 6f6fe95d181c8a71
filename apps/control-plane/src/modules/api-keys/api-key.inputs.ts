import { Field, ID, InputType, Int } from '@nestjs/graphql';
import { z } from 'zod';
import { JsonScalar } from '../../graphql/json-scalar.js';
import { fields } from '../../graphql/parse-input.js';

const scope = z
  .string()
  .regex(
    /^[a-z][a-z0-9:._-]{0,63}$/,
    'scopes are lower-case words such as `chat` or `embeddings:read`',
  );

const metadata = fields.jsonObject.refine(
  (value) => JSON.stringify(value).length <= 8_192,
  'must be at most 8 KiB of JSON',
);

const keySettings = z
  .object({
    scopes: z.array(scope).max(50, 'at most 50 scopes'),
    allowedModels: fields.labels,
    allowedProviders: fields.labels,
    expiresAt: fields.futureDate,
    metadata,
  })
  .partial();

export const createApiKeySchema = keySettings.extend({
  tenantId: fields.id.optional(),
  name: fields.name,
});
export const updateApiKeySchema = keySettings.extend({
  name: fields.name.optional(),
  clearExpiresAt: z.boolean().optional(),
});
export const rotateApiKeySchema = z.object({
  gracePeriodSeconds: z
    .number()
    .int()
    .min(0, 'must be 0 (revoke the old key now) or more')
    .max(30 * 24 * 3600, 'must be at most 30 days')
    .optional(),
});

@InputType({ isAbstract: true })
class ApiKeySettingsInput {
  @Field(() => [String], { nullable: true, description: 'Scopes such as `chat`, `embeddings`.' })
  scopes?: string[] | null;

  @Field(() => [String], {
    nullable: true,
    description: 'Models/aliases the key may call; empty = tenant default.',
  })
  allowedModels?: string[] | null;

  @Field(() => [String], {
    nullable: true,
    description: 'Provider types the key may use; empty = tenant default.',
  })
  allowedProviders?: string[] | null;

  @Field(() => Date, {
    nullable: true,
    description: 'When the key stops working (must be in the future).',
  })
  expiresAt?: Date | null;

  @Field(() => JsonScalar, {
    nullable: true,
    description: 'JSON object (≤ 8 KiB) attached to usage records.',
  })
  metadata?: unknown;
}

@InputType({ description: 'A new gateway API key.' })
export class CreateApiKeyInput extends ApiKeySettingsInput {
  @Field(() => ID, {
    nullable: true,
    description: 'Owning tenant (tenant admins: defaults to yours).',
  })
  tenantId?: string | null;

  @Field({ description: 'Display name.' })
  name!: string;
}

@InputType({ description: 'Changes to a key; omitted fields stay as they are.' })
export class UpdateApiKeyInput extends ApiKeySettingsInput {
  @Field(() => String, { nullable: true, description: 'New display name.' })
  name?: string | null;

  @Field(() => Boolean, { nullable: true, description: 'Remove the expiry.' })
  clearExpiresAt?: boolean | null;
}

@InputType({ description: 'How to rotate a key.' })
export class RotateApiKeyInput {
  @Field(() => Int, {
    nullable: true,
    description: 'Seconds the old key keeps working (0 = revoke it now, the default; max 30 days).',
  })
  gracePeriodSeconds?: number | null;
}
