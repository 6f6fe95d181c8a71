import { Args, ID, Mutation, Query, Resolver } from '@nestjs/graphql';
import type { Actor } from '../auth/actor.js';
import { Allow, anyRole, CurrentActor } from '../auth/allow.decorator.js';
import { CreateRateLimitInput, UpdateRateLimitInput } from './rate-limit.inputs.js';
import { RateLimit, RateLimitConnection, RateLimitListArgs } from './rate-limit.model.js';
import { RateLimitsService } from './rate-limits.service.js';

const rateLimitId = { type: () => ID, description: 'Rate limit id.' };

@Resolver(() => RateLimit)
export class RateLimitsResolver {
  constructor(private readonly service: RateLimitsService) {}

  @Query(() => RateLimitConnection, { description: 'Rate limits you may see.' })
  @Allow(...anyRole)
  rateLimits(
    @CurrentActor() actor: Actor,
    @Args() args: RateLimitListArgs,
  ): Promise<RateLimitConnection> {
    return this.service.list(actor, args);
  }

  @Query(() => RateLimit, { description: 'One rate limit by id.' })
  @Allow(...anyRole)
  rateLimit(@CurrentActor() actor: Actor, @Args('id', rateLimitId) id: string): Promise<RateLimit> {
    return this.service.get(actor, id);
  }

  @Mutation(() => RateLimit, { description: 'Creates a rate limit.' })
  @Allow('PLATFORM_ADMIN', 'TENANT_ADMIN')
  createRateLimit(
    @CurrentActor() actor: Actor,
    @Args('input', { description: 'The new limit.' }) input: CreateRateLimitInput,
  ): Promise<RateLimit> {
    return this.service.create(actor, input);
  }

  @Mutation(() => RateLimit, { description: 'Changes a rate limit.' })
  @Allow('PLATFORM_ADMIN', 'TENANT_ADMIN')
  updateRateLimit(
    @CurrentActor() actor: Actor,
    @Args('id', rateLimitId) id: string,
    @Args('input', { description: 'Fields to change.' }) input: UpdateRateLimitInput,
  ): Promise<RateLimit> {
    return this.service.update(actor, id, input);
  }

  @Mutation(() => RateLimit, { description: 'Deletes a rate limit.' })
  @Allow('PLATFORM_ADMIN', 'TENANT_ADMIN')
  deleteRateLimit(
    @CurrentActor() actor: Actor,
    @Args('id', rateLimitId) id: string,
  ): Promise<RateLimit> {
    return this.service.delete(actor, id);
  }
}
