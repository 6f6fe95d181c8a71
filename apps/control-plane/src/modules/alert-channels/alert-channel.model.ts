import { ArgsType, Field, ID, InputType, ObjectType } from '@nestjs/graphql';
import { ConnectionType, PageArgs } from '../../graphql/pagination.js';

@ObjectType({
  description: 'Where alerts are sent: a webhook whose bodies are signed with a write-only secret.',
})
export class AlertChannel {
  @Field(() => ID, { description: 'Alert channel id.' })
  id!: string;

  @Field(() => ID, { nullable: true, description: 'Owning tenant; null = platform-wide channel.' })
  tenantId!: string | null;

  @Field({ description: 'Display name.' })
  name!: string;

  @Field({ description: 'Channel kind (WEBHOOK).' })
  kind!: string;

  @Field({
    description:
      'Scheme and host of the webhook URL; the path is hidden because it often embeds a token.',
  })
  urlHint!: string;

  @Field({ description: 'Id of the master key that sealed the signing secret.' })
  signingSecretKeyId!: string;

  @Field({ description: 'Disabled channels receive nothing.' })
  enabled!: boolean;

  @Field({ description: 'Creation time.' })
  createdAt!: Date;

  @Field({ description: 'Last change.' })
  updatedAt!: Date;
}

@ObjectType({ description: 'A page of alert channels.' })
export class AlertChannelConnection extends ConnectionType(AlertChannel) {}

@InputType({ description: 'Narrows the alert-channel list.' })
export class AlertChannelFilter {
  @Field(() => ID, { nullable: true, description: 'Only this tenant’s channels.' })
  tenantId?: string | null;

  @Field(() => Boolean, { nullable: true, description: 'Only enabled (true) or disabled (false).' })
  enabled?: boolean | null;
}

@ArgsType()
export class AlertChannelListArgs extends PageArgs {
  @Field(() => AlertChannelFilter, {
    nullable: true,
    description: 'Filters; omit for all you may see.',
  })
  filter?: AlertChannelFilter | null;
}
