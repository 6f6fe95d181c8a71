import { ArgsType, Field, ID, InputType, ObjectType } from '@nestjs/graphql';
import { JsonScalar } from '../../graphql/json-scalar.js';
import { ConnectionType, PageArgs } from '../../graphql/pagination.js';

@ObjectType({
  description: 'A gateway API key. The secret is shown only once, when created or rotated.',
})
export class ApiKey {
  @Field(() => ID, { description: 'Key id (use it in routing rules, budgets and rate limits).' })
  id!: string;

  @Field(() => ID, { description: 'Tenant the key belongs to.' })
  tenantId!: string;

  @Field({ description: 'Display name.' })
  name!: string;

  @Field({ description: 'Visible start of the secret (`sy-xxxxxxxx`), to tell keys apart.' })
  prefix!: string;

  @Field(() => [String], {
    description: 'Scopes granted to the key; empty = default gateway access.',
  })
  scopes!: string[];

  @Field(() => [String], {
    description: 'Models/aliases the key may call; empty = whatever the tenant allows.',
  })
  allowedModels!: string[];

  @Field(() => [String], {
    description: 'Provider types the key may use; empty = whatever the tenant allows.',
  })
  allowedProviders!: string[];

  @Field(() => Date, { nullable: true, description: 'When the key stops working; null = never.' })
  expiresAt!: Date | null;

  @Field(() => Date, {
    nullable: true,
    description: 'When the key was revoked; null = not revoked.',
  })
  revokedAt!: Date | null;

  @Field(() => Date, {
    nullable: true,
    description: 'Last time the gateway saw the key (updated asynchronously).',
  })
  lastUsedAt!: Date | null;

  @Field(() => JsonScalar, { description: 'Free-form JSON object attached to usage records.' })
  metadata!: unknown;

  @Field(() => ID, { nullable: true, description: 'The key this one replaced in a rotation.' })
  rotatedFromId!: string | null;

  @Field({ description: 'Creation time.' })
  createdAt!: Date;

  @Field({ description: 'Last change.' })
  updatedAt!: Date;
}

@ObjectType({
  description: 'A newly created (or rotated) key and its secret, shown this one time only.',
})
export class CreatedApiKey {
  @Field(() => ApiKey, { description: 'The stored key (without its secret).' })
  apiKey!: ApiKey;

  @Field({ description: 'The full secret; store it now, it cannot be shown again.' })
  secret!: string;
}

@ObjectType({ description: 'A page of API keys.' })
export class ApiKeyConnection extends ConnectionType(ApiKey) {}

@InputType({ description: 'Narrows the API-key list.' })
export class ApiKeyFilter {
  @Field(() => ID, { nullable: true, description: 'Only keys of this tenant.' })
  tenantId?: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'Case-insensitive substring of the name, or the exact prefix.',
  })
  search?: string | null;

  @Field(() => Boolean, {
    nullable: true,
    description: 'Include revoked and expired keys (default false).',
  })
  includeInactive?: boolean | null;
}

@ArgsType()
export class ApiKeyListArgs extends PageArgs {
  @Field(() => ApiKeyFilter, {
    nullable: true,
    description: 'Filters; omit for every key you may see.',
  })
  filter?: ApiKeyFilter | null;
}
