import { Args, Query, Resolver } from '@nestjs/graphql';
import type { Actor } from '../auth/actor.js';
import { Allow, anyRole, CurrentActor } from '../auth/allow.decorator.js';
import { Alert, AlertConnection, AlertListArgs } from './alert.model.js';
import { AlertsService } from './alerts.service.js';

@Resolver(() => Alert)
export class AlertsResolver {
  constructor(private readonly service: AlertsService) {}

  @Query(() => AlertConnection, {
    description: 'Fired alerts, newest first (tenant-scoped principals see their tenant).',
  })
  @Allow(...anyRole)
  alerts(@CurrentActor() actor: Actor, @Args() args: AlertListArgs): Promise<AlertConnection> {
    return this.service.list(actor, args);
  }
}
