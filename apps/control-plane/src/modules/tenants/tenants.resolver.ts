import { Args, ID, Mutation, Query, Resolver } from '@nestjs/graphql';
import type { Actor } from '../auth/actor.js';
import { Allow, anyRole, CurrentActor } from '../auth/allow.decorator.js';
import { CreateTenantInput, UpdateTenantInput } from './tenant.inputs.js';
import { Tenant, TenantConnection, TenantListArgs } from './tenant.model.js';
import { TenantsService } from './tenants.service.js';

@Resolver(() => Tenant)
export class TenantsResolver {
  constructor(private readonly service: TenantsService) {}

  @Query(() => TenantConnection, {
    description: 'Tenants you may see (tenant-scoped principals see only their own).',
  })
  @Allow(...anyRole)
  tenants(@CurrentActor() actor: Actor, @Args() args: TenantListArgs): Promise<TenantConnection> {
    return this.service.list(actor, args);
  }

  @Query(() => Tenant, {
    description: 'One tenant by id; NOT_FOUND if it does not exist or is not yours.',
  })
  @Allow(...anyRole)
  tenant(
    @CurrentActor() actor: Actor,
    @Args('id', { type: () => ID, description: 'Tenant id.' }) id: string,
  ): Promise<Tenant> {
    return this.service.get(actor, id);
  }

  @Mutation(() => Tenant, { description: 'Creates a tenant (platform admins).' })
  @Allow('PLATFORM_ADMIN')
  createTenant(
    @CurrentActor() actor: Actor,
    @Args('input', { description: 'The new tenant.' }) input: CreateTenantInput,
  ): Promise<Tenant> {
    return this.service.create(actor, input);
  }

  @Mutation(() => Tenant, {
    description:
      'Changes a tenant’s settings; tenant admins may change their own (not disable it).',
  })
  @Allow('PLATFORM_ADMIN', 'TENANT_ADMIN')
  updateTenant(
    @CurrentActor() actor: Actor,
    @Args('id', { type: () => ID, description: 'Tenant id.' }) id: string,
    @Args('input', { description: 'Fields to change.' }) input: UpdateTenantInput,
  ): Promise<Tenant> {
    return this.service.update(actor, id, input);
  }
}
