import { Args, Mutation, Resolver } from '@nestjs/graphql';
import type { Actor } from '../auth/actor.js';
import { Allow, CurrentActor } from '../auth/allow.decorator.js';
import { RecostUsageInput } from './recost-usage.inputs.js';
import { RecostUsageResult } from './recost-usage.model.js';
import { RecostingService } from './recosting.service.js';

@Resolver()
export class RecostingResolver {
  constructor(private readonly service: RecostingService) {}

  @Mutation(() => RecostUsageResult, {
    description:
      'Re-prices the request logs of a period with the catalog prices effective when each request was received (after a retroactive price correction), and rebuilds the rollups and budget spend they count in. Platform admins only; try dryRun first.',
  })
  @Allow('PLATFORM_ADMIN')
  recostUsage(
    @CurrentActor() actor: Actor,
    @Args('input', { type: () => RecostUsageInput, description: 'Period and filters.' })
    input: RecostUsageInput,
  ): Promise<RecostUsageResult> {
    return this.service.recost(actor, input);
  }
}
