import { ArgsType, Field, ID, InputType, Int, ObjectType } from '@nestjs/graphql';
import { ConnectionType, PageArgs } from '../../graphql/pagination.js';

@ObjectType({
  description: 'A catalog model served through a provider account: one routing target.',
})
export class Deployment {
  @Field(() => ID, { description: 'Deployment id.' })
  id!: string;

  @Field(() => ID, { nullable: true, description: 'Owning tenant; null = shared deployment.' })
  tenantId!: string | null;

  @Field(() => ID, { description: 'Catalog model it serves.' })
  modelId!: string;

  @Field(() => ID, { description: 'Provider account it calls.' })
  providerAccountId!: string;

  @Field({ description: 'Name routing rules refer to, unique per tenant.' })
  name!: string;

  @Field(() => Int, { description: 'Relative weight for weighted routing.' })
  weight!: number;

  @Field(() => String, { nullable: true, description: 'Region it serves from.' })
  region!: string | null;

  @Field(() => Int, { nullable: true, description: 'Most concurrent requests.' })
  maxConcurrency!: number | null;

  @Field(() => Int, { nullable: true, description: 'Requests per minute the upstream allows.' })
  rpmLimit!: number | null;

  @Field(() => Int, { nullable: true, description: 'Tokens per minute the upstream allows.' })
  tpmLimit!: number | null;

  @Field({ description: 'Disabled deployments are left out of the snapshot.' })
  enabled!: boolean;

  @Field({ description: 'Creation time.' })
  createdAt!: Date;

  @Field({ description: 'Last change.' })
  updatedAt!: Date;
}

@ObjectType({ description: 'A page of deployments.' })
export class DeploymentConnection extends ConnectionType(Deployment) {}

@InputType({ description: 'Narrows the deployment list.' })
export class DeploymentFilter {
  @Field(() => ID, { nullable: true, description: 'Only this tenant’s deployments.' })
  tenantId?: string | null;

  @Field(() => ID, { nullable: true, description: 'Only deployments of this model.' })
  modelId?: string | null;

  @Field(() => ID, { nullable: true, description: 'Only deployments on this provider account.' })
  providerAccountId?: string | null;

  @Field(() => Boolean, {
    nullable: true,
    description: 'Only enabled (true) or disabled (false) ones.',
  })
  enabled?: boolean | null;
}

@ArgsType()
export class DeploymentListArgs extends PageArgs {
  @Field(() => DeploymentFilter, {
    nullable: true,
    description: 'Filters; omit for all you may see.',
  })
  filter?: DeploymentFilter | null;
}
