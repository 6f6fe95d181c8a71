import { Args, ID, Mutation, Query, Resolver } from '@nestjs/graphql';
import type { Actor } from '../auth/actor.js';
import { Allow, anyRole, CurrentActor } from '../auth/allow.decorator.js';
import {
  AddUpstreamKeyInput,
  CreateProviderAccountInput,
  UpdateProviderAccountInput,
  UpdateUpstreamKeyInput,
} from './provider-account.inputs.js';
import {
  ProviderAccount,
  ProviderAccountConnection,
  ProviderAccountListArgs,
  UpstreamKey,
} from './provider-account.model.js';
import { ProviderAccountsService } from './provider-accounts.service.js';
import { UpstreamKeysService } from './upstream-keys.service.js';

const accountId = { type: () => ID, description: 'Provider account id.' };
const keyId = { type: () => ID, description: 'Upstream key id.' };

@Resolver(() => ProviderAccount)
export class ProviderAccountsResolver {
  constructor(
    private readonly service: ProviderAccountsService,
    private readonly keys: UpstreamKeysService,
  ) {}

  @Query(() => ProviderAccountConnection, {
    description: 'Provider accounts: your tenant’s and the shared ones.',
  })
  @Allow(...anyRole)
  providerAccounts(
    @CurrentActor() actor: Actor,
    @Args() args: ProviderAccountListArgs,
  ): Promise<ProviderAccountConnection> {
    return this.service.list(actor, args);
  }

  @Query(() => ProviderAccount, { description: 'One provider account by id.' })
  @Allow(...anyRole)
  providerAccount(
    @CurrentActor() actor: Actor,
    @Args('id', accountId) id: string,
  ): Promise<ProviderAccount> {
    return this.service.get(actor, id);
  }

  @Mutation(() => ProviderAccount, {
    description: 'Creates a provider account (shared ones: platform admins only).',
  })
  @Allow('PLATFORM_ADMIN', 'TENANT_ADMIN')
  createProviderAccount(
    @CurrentActor() actor: Actor,
    @Args('input', { description: 'The new account.' }) input: CreateProviderAccountInput,
  ): Promise<ProviderAccount> {
    return this.service.create(actor, input);
  }

  @Mutation(() => ProviderAccount, { description: 'Changes a provider account.' })
  @Allow('PLATFORM_ADMIN', 'TENANT_ADMIN')
  updateProviderAccount(
    @CurrentActor() actor: Actor,
    @Args('id', accountId) id: string,
    @Args('input', { description: 'Fields to change.' }) input: UpdateProviderAccountInput,
  ): Promise<ProviderAccount> {
    return this.service.update(actor, id, input);
  }

  @Mutation(() => ProviderAccount, { description: 'Deletes an account that no deployment uses.' })
  @Allow('PLATFORM_ADMIN', 'TENANT_ADMIN')
  deleteProviderAccount(
    @CurrentActor() actor: Actor,
    @Args('id', accountId) id: string,
  ): Promise<ProviderAccount> {
    return this.service.delete(actor, id);
  }

  @Mutation(() => UpstreamKey, {
    description: 'Adds an upstream key (sealed; only its hint is ever shown).',
  })
  @Allow('PLATFORM_ADMIN', 'TENANT_ADMIN')
  addUpstreamKey(
    @CurrentActor() actor: Actor,
    @Args('input', { description: 'The key to add.' }) input: AddUpstreamKeyInput,
  ): Promise<UpstreamKey> {
    return this.keys.add(actor, input);
  }

  @Mutation(() => UpstreamKey, {
    description: 'Changes an upstream key’s weight or state, or replaces its secret.',
  })
  @Allow('PLATFORM_ADMIN', 'TENANT_ADMIN')
  updateUpstreamKey(
    @CurrentActor() actor: Actor,
    @Args('id', keyId) id: string,
    @Args('input', { description: 'Fields to change.' }) input: UpdateUpstreamKeyInput,
  ): Promise<UpstreamKey> {
    return this.keys.update(actor, id, input);
  }

  @Mutation(() => UpstreamKey, { description: 'Deletes an upstream key.' })
  @Allow('PLATFORM_ADMIN', 'TENANT_ADMIN')
  deleteUpstreamKey(
    @CurrentActor() actor: Actor,
    @Args('id', keyId) id: string,
  ): Promise<UpstreamKey> {
    return this.keys.delete(actor, id);
  }
}
