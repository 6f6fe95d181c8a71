import { Field, ID, InputType, Int } from '@nestjs/graphql';
import { z } from 'zod';
import { fields } from '../../graphql/parse-input.js';

const limits = {
  requestsPerMinute: fields.positiveInt.max(10_000_000).optional(),
  tokensPerMinute: fields.positiveInt.max(2_000_000_000).optional(),
};

export const createRateLimitSchema = z
  .object({
    tenantId: fields.id.optional(),
    apiKeyId: fields.id.optional(),
    modelId: fields.id.optional(),
    ...limits,
  })
  .refine((value) => value.requestsPerMinute !== undefined || value.tokensPerMinute !== undefined, {
    message: 'give requestsPerMinute, tokensPerMinute or both',
    path: ['requestsPerMinute'],
  });
export const updateRateLimitSchema = z.object({
  ...limits,
  clearRequestsPerMinute: z.boolean().optional(),
  clearTokensPerMinute: z.boolean().optional(),
});

@InputType({ description: 'A new rate limit.' })
export class CreateRateLimitInput {
  @Field(() => ID, { nullable: true, description: 'Tenant (tenant admins: defaults to yours).' })
  tenantId?: string | null;

  @Field(() => ID, { nullable: true, description: 'Narrow to one API key of the tenant.' })
  apiKeyId?: string | null;

  @Field(() => ID, { nullable: true, description: 'Narrow to one catalog model.' })
  modelId?: string | null;

  @Field(() => Int, { nullable: true, description: 'Requests per minute.' })
  requestsPerMinute?: number | null;

  @Field(() => Int, { nullable: true, description: 'Tokens per minute.' })
  tokensPerMinute?: number | null;
}

@InputType({ description: 'Changes to a rate limit; omitted fields stay as they are.' })
export class UpdateRateLimitInput {
  @Field(() => Int, { nullable: true, description: 'Requests per minute.' })
  requestsPerMinute?: number | null;

  @Field(() => Int, { nullable: true, description: 'Tokens per minute.' })
  tokensPerMinute?: number | null;

  @Field(() => Boolean, { nullable: true, description: 'Remove the request limit.' })
  clearRequestsPerMinute?: boolean | null;

  @Field(() => Boolean, { nullable: true, description: 'Remove the token limit.' })
  clearTokensPerMinute?: boolean | null;
}
