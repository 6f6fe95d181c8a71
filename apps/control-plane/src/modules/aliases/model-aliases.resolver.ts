import { Args, ID, Mutation, Query, Resolver } from '@nestjs/graphql';
import type { Actor } from '../auth/actor.js';
import { Allow, anyRole, CurrentActor } from '../auth/allow.decorator.js';
import { CreateModelAliasInput, UpdateModelAliasInput } from './model-alias.inputs.js';
import { ModelAlias, ModelAliasConnection, ModelAliasListArgs } from './model-alias.model.js';
import { ModelAliasesService } from './model-aliases.service.js';

const aliasId = { type: () => ID, description: 'Alias id.' };

@Resolver(() => ModelAlias)
export class ModelAliasesResolver {
  constructor(private readonly service: ModelAliasesService) {}

  @Query(() => ModelAliasConnection, {
    description: 'Aliases and version pins: global ones and your tenant’s.',
  })
  @Allow(...anyRole)
  modelAliases(
    @CurrentActor() actor: Actor,
    @Args() args: ModelAliasListArgs,
  ): Promise<ModelAliasConnection> {
    return this.service.list(actor, args);
  }

  @Query(() => ModelAlias, { description: 'One alias by id.' })
  @Allow(...anyRole)
  modelAlias(@CurrentActor() actor: Actor, @Args('id', aliasId) id: string): Promise<ModelAlias> {
    return this.service.get(actor, id);
  }

  @Mutation(() => ModelAlias, {
    description: 'Creates an alias / version pin (global ones: platform admins).',
  })
  @Allow('PLATFORM_ADMIN', 'TENANT_ADMIN')
  createModelAlias(
    @CurrentActor() actor: Actor,
    @Args('input', { description: 'The new alias.' }) input: CreateModelAliasInput,
  ): Promise<ModelAlias> {
    return this.service.create(actor, input);
  }

  @Mutation(() => ModelAlias, { description: 'Re-pins an alias or changes its fallbacks.' })
  @Allow('PLATFORM_ADMIN', 'TENANT_ADMIN')
  updateModelAlias(
    @CurrentActor() actor: Actor,
    @Args('id', aliasId) id: string,
    @Args('input', { description: 'Fields to change.' }) input: UpdateModelAliasInput,
  ): Promise<ModelAlias> {
    return this.service.update(actor, id, input);
  }

  @Mutation(() => ModelAlias, { description: 'Deletes an alias.' })
  @Allow('PLATFORM_ADMIN', 'TENANT_ADMIN')
  deleteModelAlias(
    @CurrentActor() actor: Actor,
    @Args('id', aliasId) id: string,
  ): Promise<ModelAlias> {
    return this.service.delete(actor, id);
  }
}
