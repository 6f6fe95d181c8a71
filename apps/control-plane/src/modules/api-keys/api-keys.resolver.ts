import { Args, ID, Mutation, Query, Resolver } from '@nestjs/graphql';
import type { Actor } from '../auth/actor.js';
import { Allow, anyRole, CurrentActor } from '../auth/allow.decorator.js';
import { CreateApiKeyInput, RotateApiKeyInput, UpdateApiKeyInput } from './api-key.inputs.js';
import { ApiKey, ApiKeyConnection, ApiKeyListArgs, CreatedApiKey } from './api-key.model.js';
import { ApiKeysService } from './api-keys.service.js';

const idArgument = { type: () => ID, description: 'API key id.' };

@Resolver(() => ApiKey)
export class ApiKeysResolver {
  constructor(private readonly service: ApiKeysService) {}

  @Query(() => ApiKeyConnection, {
    description: 'Gateway API keys (active only unless filter.includeInactive).',
  })
  @Allow(...anyRole)
  apiKeys(@CurrentActor() actor: Actor, @Args() args: ApiKeyListArgs): Promise<ApiKeyConnection> {
    return this.service.list(actor, args);
  }

  @Query(() => ApiKey, { description: 'One API key by id.' })
  @Allow(...anyRole)
  apiKey(@CurrentActor() actor: Actor, @Args('id', idArgument) id: string): Promise<ApiKey> {
    return this.service.get(actor, id);
  }

  @Mutation(() => CreatedApiKey, {
    description: 'Creates a key; the secret is in the response and never again.',
  })
  @Allow('PLATFORM_ADMIN', 'TENANT_ADMIN')
  createApiKey(
    @CurrentActor() actor: Actor,
    @Args('input', { description: 'The new key.' }) input: CreateApiKeyInput,
  ): Promise<CreatedApiKey> {
    return this.service.create(actor, input);
  }

  @Mutation(() => ApiKey, {
    description: 'Changes a key’s name, scopes, allowlists, expiry or metadata.',
  })
  @Allow('PLATFORM_ADMIN', 'TENANT_ADMIN')
  updateApiKey(
    @CurrentActor() actor: Actor,
    @Args('id', idArgument) id: string,
    @Args('input', { description: 'Fields to change.' }) input: UpdateApiKeyInput,
  ): Promise<ApiKey> {
    return this.service.update(actor, id, input);
  }

  @Mutation(() => CreatedApiKey, {
    description: 'Issues a new secret with the same settings and retires the old key.',
  })
  @Allow('PLATFORM_ADMIN', 'TENANT_ADMIN')
  rotateApiKey(
    @CurrentActor() actor: Actor,
    @Args('id', idArgument) id: string,
    @Args('input', { nullable: true, description: 'Rotation options.' }) input?: RotateApiKeyInput,
  ): Promise<CreatedApiKey> {
    return this.service.rotate(actor, id, input);
  }

  @Mutation(() => ApiKey, {
    description: 'Revokes a key; gateways reject it within about a second.',
  })
  @Allow('PLATFORM_ADMIN', 'TENANT_ADMIN')
  revokeApiKey(@CurrentActor() actor: Actor, @Args('id', idArgument) id: string): Promise<ApiKey> {
    return this.service.revoke(actor, id);
  }
}
