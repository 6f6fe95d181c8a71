import { ArgsType, Field, ID, InputType, Int, ObjectType } from '@nestjs/graphql';
import { ConnectionType, PageArgs } from '../../graphql/pagination.js';

@ObjectType({
  description: 'Per-minute limits for a tenant, optionally narrowed to one key and/or model.',
})
export class RateLimit {
  @Field(() => ID, { description: 'Rate limit id.' })
  id!: string;

  @Field(() => ID, { description: 'Tenant it applies to.' })
  tenantId!: string;

  @Field(() => ID, {
    nullable: true,
    description: 'Only requests with this API key; null = all keys.',
  })
  apiKeyId!: string | null;

  @Field(() => ID, {
    nullable: true,
    description: 'Only requests for this model; null = all models.',
  })
  modelId!: string | null;

  @Field(() => Int, { nullable: true, description: 'Requests per minute.' })
  requestsPerMinute!: number | null;

  @Field(() => Int, { nullable: true, description: 'Tokens per minute.' })
  tokensPerMinute!: number | null;

  @Field({ description: 'Creation time.' })
  createdAt!: Date;

  @Field({ description: 'Last change.' })
  updatedAt!: Date;
}

@ObjectType({ description: 'A page of rate limits.' })
export class RateLimitConnection extends ConnectionType(RateLimit) {}

@InputType({ description: 'Narrows the rate-limit list.' })
export class RateLimitFilter {
  @Field(() => ID, { nullable: true, description: 'Only this tenant’s limits.' })
  tenantId?: string | null;

  @Field(() => ID, { nullable: true, description: 'Only limits on this key.' })
  apiKeyId?: string | null;
}

@ArgsType()
export class RateLimitListArgs extends PageArgs {
  @Field(() => RateLimitFilter, {
    nullable: true,
    description: 'Filters; omit for all you may see.',
  })
  filter?: RateLimitFilter | null;
}
