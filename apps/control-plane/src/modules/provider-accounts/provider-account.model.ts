import { ArgsType, Field, ID, InputType, Int, ObjectType } from '@nestjs/graphql';
import { JsonScalar } from '../../graphql/json-scalar.js';
import { ConnectionType, PageArgs } from '../../graphql/pagination.js';

@ObjectType({
  description: 'One upstream API key of a provider account. The secret is write-only.',
})
export class UpstreamKey {
  @Field(() => ID, { description: 'Upstream key id.' })
  id!: string;

  @Field(() => ID, { description: 'Provider account it belongs to.' })
  providerAccountId!: string;

  @Field({ description: 'Masked form of the secret, e.g. `sk-…abcd`.' })
  hint!: string;

  @Field({ description: 'Id of the master key that sealed the secret (for master-key rotation).' })
  keyId!: string;

  @Field(() => Int, { description: 'Relative share of traffic among the account’s enabled keys.' })
  weight!: number;

  @Field({ description: 'Disabled keys are left out of the snapshot.' })
  enabled!: boolean;

  @Field(() => Date, { nullable: true, description: 'Last use reported by the gateway.' })
  lastUsedAt!: Date | null;

  @Field({ description: 'Creation time.' })
  createdAt!: Date;
}

@ObjectType({
  description: 'Credentials and endpoint for one provider (platform-shared or a tenant’s own).',
})
export class ProviderAccount {
  @Field(() => ID, { description: 'Provider account id.' })
  id!: string;

  @Field(() => ID, { nullable: true, description: 'Owning tenant; null = shared by the platform.' })
  tenantId!: string | null;

  @Field({ description: 'Display name, unique per tenant.' })
  name!: string;

  @Field({
    description: 'Adapter type: openai, anthropic, gemini, bedrock, azure-openai, mistral, demo …',
  })
  providerType!: string;

  @Field({ description: 'API base URL the gateway calls.' })
  baseUrl!: string;

  @Field(() => String, {
    nullable: true,
    description: 'Region the account serves from (for residency rules).',
  })
  region!: string | null;

  @Field(() => JsonScalar, {
    description: 'Non-secret adapter settings (string values), e.g. API version.',
  })
  options!: unknown;

  @Field({ description: 'Disabled accounts (and their deployments) are left out of the snapshot.' })
  enabled!: boolean;

  @Field(() => [UpstreamKey], { description: 'Upstream keys, masked.' })
  upstreamKeys!: UpstreamKey[];

  @Field({ description: 'Creation time.' })
  createdAt!: Date;

  @Field({ description: 'Last change.' })
  updatedAt!: Date;
}

@ObjectType({ description: 'A page of provider accounts.' })
export class ProviderAccountConnection extends ConnectionType(ProviderAccount) {}

@InputType({ description: 'Narrows the provider-account list.' })
export class ProviderAccountFilter {
  @Field(() => ID, { nullable: true, description: 'Only this tenant’s accounts.' })
  tenantId?: string | null;

  @Field(() => Boolean, {
    nullable: true,
    description: 'Only shared (true) or only tenant-owned (false) accounts.',
  })
  shared?: boolean | null;

  @Field(() => String, { nullable: true, description: 'Only this provider type.' })
  providerType?: string | null;
}

@ArgsType()
export class ProviderAccountListArgs extends PageArgs {
  @Field(() => ProviderAccountFilter, {
    nullable: true,
    description: 'Filters; omit for all you may see.',
  })
  filter?: ProviderAccountFilter | null;
}
