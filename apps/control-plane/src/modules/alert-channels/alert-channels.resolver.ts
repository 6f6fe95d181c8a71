import { Args, ID, Mutation, Query, Resolver } from '@nestjs/graphql';
import type { Actor } from '../auth/actor.js';
import { Allow, CurrentActor } from '../auth/allow.decorator.js';
import { CreateAlertChannelInput, UpdateAlertChannelInput } from './alert-channel.inputs.js';
import {
  AlertChannel,
  AlertChannelConnection,
  AlertChannelListArgs,
} from './alert-channel.model.js';
import { AlertChannelsService } from './alert-channels.service.js';

const channelId = { type: () => ID, description: 'Alert channel id.' };

/** Admins only: channel configuration is not part of finance’s read-only view. */
@Resolver(() => AlertChannel)
export class AlertChannelsResolver {
  constructor(private readonly service: AlertChannelsService) {}

  @Query(() => AlertChannelConnection, { description: 'Alert channels you may see.' })
  @Allow('PLATFORM_ADMIN', 'TENANT_ADMIN')
  alertChannels(
    @CurrentActor() actor: Actor,
    @Args() args: AlertChannelListArgs,
  ): Promise<AlertChannelConnection> {
    return this.service.list(actor, args);
  }

  @Query(() => AlertChannel, { description: 'One alert channel by id.' })
  @Allow('PLATFORM_ADMIN', 'TENANT_ADMIN')
  alertChannel(
    @CurrentActor() actor: Actor,
    @Args('id', channelId) id: string,
  ): Promise<AlertChannel> {
    return this.service.get(actor, id);
  }

  @Mutation(() => AlertChannel, {
    description: 'Creates a webhook alert channel (platform-wide ones: platform admins).',
  })
  @Allow('PLATFORM_ADMIN', 'TENANT_ADMIN')
  createAlertChannel(
    @CurrentActor() actor: Actor,
    @Args('input', { description: 'The new channel.' }) input: CreateAlertChannelInput,
  ): Promise<AlertChannel> {
    return this.service.create(actor, input);
  }

  @Mutation(() => AlertChannel, {
    description: 'Changes an alert channel or rotates its signing secret.',
  })
  @Allow('PLATFORM_ADMIN', 'TENANT_ADMIN')
  updateAlertChannel(
    @CurrentActor() actor: Actor,
    @Args('id', channelId) id: string,
    @Args('input', { description: 'Fields to change.' }) input: UpdateAlertChannelInput,
  ): Promise<AlertChannel> {
    return this.service.update(actor, id, input);
  }

  @Mutation(() => AlertChannel, { description: 'Deletes an alert channel.' })
  @Allow('PLATFORM_ADMIN', 'TENANT_ADMIN')
  deleteAlertChannel(
    @CurrentActor() actor: Actor,
    @Args('id', channelId) id: string,
  ): Promise<AlertChannel> {
    return this.service.delete(actor, id);
  }
}
