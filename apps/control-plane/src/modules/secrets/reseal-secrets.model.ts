import { Field, Int, ObjectType } from '@nestjs/graphql';

@ObjectType({ description: 'Outcome of one re-sealing batch (master-key rotation).' })
export class ResealResult {
  @Field({ description: 'Master key id every re-sealed secret now uses.' })
  currentKeyId!: string;

  @Field(() => Int, { description: 'Upstream keys re-sealed in this call.' })
  upstreamKeys!: number;

  @Field(() => Int, { description: 'Alert-channel signing secrets re-sealed in this call.' })
  alertChannels!: number;

  @Field(() => Int, { description: 'Secrets still sealed with an older key; call again until 0.' })
  remaining!: number;
}
