import { Args, ID, Mutation, Query, Resolver } from '@nestjs/graphql';
import type { Actor } from '../auth/actor.js';
import { Allow, anyRole, CurrentActor } from '../auth/allow.decorator.js';
import { CreateAdminPrincipalInput, CreateAdminTokenInput } from './admin-principal.inputs.js';
import {
  AdminPrincipal,
  AdminPrincipalConnection,
  AdminPrincipalListArgs,
  AdminToken,
  CreatedAdminToken,
} from './admin-principal.model.js';
import { AdminPrincipalsService } from './admin-principals.service.js';

@Resolver(() => AdminPrincipal)
export class AdminPrincipalsResolver {
  constructor(private readonly service: AdminPrincipalsService) {}

  @Query(() => AdminPrincipal, { description: 'The principal the request is signed in as.' })
  @Allow(...anyRole)
  me(@CurrentActor() actor: Actor): Promise<AdminPrincipal> {
    return this.service.me(actor);
  }

  @Query(() => AdminPrincipalConnection, {
    description: 'Admin principals and their tokens (platform admins).',
  })
  @Allow('PLATFORM_ADMIN')
  adminPrincipals(@Args() args: AdminPrincipalListArgs): Promise<AdminPrincipalConnection> {
    return this.service.list(args);
  }

  @Mutation(() => AdminPrincipal, { description: 'Creates an admin principal (platform admins).' })
  @Allow('PLATFORM_ADMIN')
  createAdminPrincipal(
    @CurrentActor() actor: Actor,
    @Args('input', { description: 'The new principal.' }) input: CreateAdminPrincipalInput,
  ): Promise<AdminPrincipal> {
    return this.service.createPrincipal(actor, input);
  }

  @Mutation(() => CreatedAdminToken, {
    description: 'Issues a token for a principal; the secret is returned once.',
  })
  @Allow('PLATFORM_ADMIN')
  createAdminToken(
    @CurrentActor() actor: Actor,
    @Args('input', { description: 'Whose token and until when.' }) input: CreateAdminTokenInput,
  ): Promise<CreatedAdminToken> {
    return this.service.createToken(actor, input);
  }

  @Mutation(() => AdminToken, {
    description: 'Revokes an admin token (not the last platform-admin one).',
  })
  @Allow('PLATFORM_ADMIN')
  revokeAdminToken(
    @CurrentActor() actor: Actor,
    @Args('id', { type: () => ID, description: 'Token id.' }) id: string,
  ): Promise<AdminToken> {
    return this.service.revokeToken(actor, id);
  }
}
