import { Args, ID, Mutation, Query, Resolver } from '@nestjs/graphql';
import type { Actor } from '../auth/actor.js';
import { Allow, anyRole, CurrentActor } from '../auth/allow.decorator.js';
import {
  CreateModelInput,
  CreateModelPriceInput,
  UpdateModelInput,
  UpdateModelPriceInput,
} from './model.inputs.js';
import { CatalogModel, CatalogModelConnection, ModelListArgs, ModelPrice } from './model.model.js';
import { ModelPricesService } from './model-prices.service.js';
import { ModelsService } from './models.service.js';

const modelId = { type: () => ID, description: 'Catalog model id.' };
const priceId = { type: () => ID, description: 'Price id.' };

@Resolver(() => CatalogModel)
export class ModelsResolver {
  constructor(
    private readonly service: ModelsService,
    private readonly prices: ModelPricesService,
  ) {}

  @Query(() => CatalogModelConnection, { description: 'The model catalog with prices.' })
  @Allow(...anyRole)
  models(@Args() args: ModelListArgs): Promise<CatalogModelConnection> {
    return this.service.list(args);
  }

  @Query(() => CatalogModel, { description: 'One catalog model by id.' })
  @Allow(...anyRole)
  model(@Args('id', modelId) id: string): Promise<CatalogModel> {
    return this.service.get(id);
  }

  @Mutation(() => CatalogModel, {
    description: 'Adds a model version to the catalog (platform admins).',
  })
  @Allow('PLATFORM_ADMIN')
  createModel(
    @CurrentActor() actor: Actor,
    @Args('input', { description: 'The new model.' }) input: CreateModelInput,
  ): Promise<CatalogModel> {
    return this.service.create(actor, input);
  }

  @Mutation(() => CatalogModel, { description: 'Changes a catalog model (platform admins).' })
  @Allow('PLATFORM_ADMIN')
  updateModel(
    @CurrentActor() actor: Actor,
    @Args('id', modelId) id: string,
    @Args('input', { description: 'Fields to change.' }) input: UpdateModelInput,
  ): Promise<CatalogModel> {
    return this.service.update(actor, id, input);
  }

  @Mutation(() => CatalogModel, {
    description: 'Deletes an unused catalog model (platform admins).',
  })
  @Allow('PLATFORM_ADMIN')
  deleteModel(
    @CurrentActor() actor: Actor,
    @Args('id', modelId) id: string,
  ): Promise<CatalogModel> {
    return this.service.delete(actor, id);
  }

  @Mutation(() => ModelPrice, { description: 'Adds an effective-dated price (platform admins).' })
  @Allow('PLATFORM_ADMIN')
  createModelPrice(
    @CurrentActor() actor: Actor,
    @Args('input', { description: 'The new price.' }) input: CreateModelPriceInput,
  ): Promise<ModelPrice> {
    return this.prices.create(actor, input);
  }

  @Mutation(() => ModelPrice, { description: 'Changes a price (platform admins).' })
  @Allow('PLATFORM_ADMIN')
  updateModelPrice(
    @CurrentActor() actor: Actor,
    @Args('id', priceId) id: string,
    @Args('input', { description: 'Fields to change.' }) input: UpdateModelPriceInput,
  ): Promise<ModelPrice> {
    return this.prices.update(actor, id, input);
  }

  @Mutation(() => ModelPrice, { description: 'Deletes a price (platform admins).' })
  @Allow('PLATFORM_ADMIN')
  deleteModelPrice(
    @CurrentActor() actor: Actor,
    @Args('id', priceId) id: string,
  ): Promise<ModelPrice> {
    return this.prices.delete(actor, id);
  }
}
