import { ArgsType, Field, ID, InputType, ObjectType } from '@nestjs/graphql';
import { ConnectionType, PageArgs } from '../../graphql/pagination.js';

@ObjectType({
  description: 'A model name callers use, pinned to one catalog version (per tenant or global).',
})
export class ModelAlias {
  @Field(() => ID, { description: 'Alias id.' })
  id!: string;

  @Field(() => ID, {
    nullable: true,
    description: 'Tenant whose pin this is; null = global alias.',
  })
  tenantId!: string | null;

  @Field({ description: 'The name callers send, e.g. gpt-4.1-mini.' })
  alias!: string;

  @Field(() => ID, { description: 'Pinned catalog model id.' })
  modelId!: string;

  @Field(() => [ID], {
    description: 'Models that may serve instead, in order; empty = never substitute.',
  })
  fallbackModelIds!: string[];

  @Field({ description: 'Creation time.' })
  createdAt!: Date;

  @Field({ description: 'Last change.' })
  updatedAt!: Date;
}

@ObjectType({ description: 'A page of aliases.' })
export class ModelAliasConnection extends ConnectionType(ModelAlias) {}

@InputType({ description: 'Narrows the alias list.' })
export class ModelAliasFilter {
  @Field(() => ID, { nullable: true, description: 'Only this tenant’s pins.' })
  tenantId?: string | null;

  @Field(() => Boolean, {
    nullable: true,
    description: 'Only global (true) or only tenant (false) aliases.',
  })
  global?: boolean | null;

  @Field(() => String, { nullable: true, description: 'Only this alias name.' })
  alias?: string | null;
}

@ArgsType()
export class ModelAliasListArgs extends PageArgs {
  @Field(() => ModelAliasFilter, {
    nullable: true,
    description: 'Filters; omit for all you may see.',
  })
  filter?: ModelAliasFilter | null;
}
