import { Args, Int, Mutation, Resolver } from '@nestjs/graphql';
import type { Actor } from '../auth/actor.js';
import { Allow, CurrentActor } from '../auth/allow.decorator.js';
import { ResealResult } from './reseal-secrets.model.js';
import { ResealSecretsService } from './reseal-secrets.service.js';

@Resolver()
export class ResealSecretsResolver {
  constructor(private readonly service: ResealSecretsService) {}

  @Mutation(() => ResealResult, {
    description:
      'Re-seals stored secrets with the current master key (rotation); repeat until remaining is 0.',
  })
  @Allow('PLATFORM_ADMIN')
  resealSecrets(
    @CurrentActor() actor: Actor,
    @Args('batchSize', {
      type: () => Int,
      defaultValue: 500,
      description: 'Most secrets of each kind per call (1–5000).',
    })
    batchSize: number,
  ): Promise<ResealResult> {
    return this.service.reseal(actor, batchSize);
  }
}
