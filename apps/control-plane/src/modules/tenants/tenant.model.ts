import { ArgsType, Field, ID, InputType, Int, ObjectType } from '@nestjs/graphql';
import { UnsupportedParameterMode } from '../../graphql/enums.js';
import { ConnectionType, PageArgs } from '../../graphql/pagination.js';

@ObjectType({
  description: 'A customer of the gateway: its keys, policies, budgets and spend are kept apart.',
})
export class Tenant {
  @Field(() => ID, { description: 'Tenant id.' })
  id!: string;

  @Field({ description: 'Display name.' })
  name!: string;

  @Field({ description: 'Unique, URL-safe short name.' })
  slug!: string;

  @Field({ description: 'IANA timezone in which budget periods and reports start.' })
  timezone!: string;

  @Field({ description: 'Display currency for reports (stored money is always nano-USD).' })
  currency!: string;

  @Field(() => UnsupportedParameterMode, {
    description: 'What the gateway does with parameters a provider cannot honour.',
  })
  unsupportedParameters!: keyof typeof UnsupportedParameterMode;

  @Field({ description: 'Whether prompt and completion bodies are stored in request logs.' })
  payloadLogging!: boolean;

  @Field(() => Int, {
    nullable: true,
    description: 'Days logged bodies are kept; null = platform default.',
  })
  payloadRetentionDays!: number | null;

  @Field(() => [String], { description: 'Provider types this tenant may use; empty = all.' })
  allowedProviders!: string[];

  @Field(() => [String], {
    description: 'Provider types this tenant must never use (wins over the allowlist).',
  })
  blockedProviders!: string[];

  @Field(() => [String], {
    description: 'Regions this tenant’s traffic may be served from; empty = any.',
  })
  allowedRegions!: string[];

  @Field(() => [String], { description: 'Model names/aliases this tenant may call; empty = all.' })
  allowedModels!: string[];

  @Field(() => Date, {
    nullable: true,
    description: 'When the tenant was disabled; its keys stop working. Null = active.',
  })
  disabledAt!: Date | null;

  @Field({ description: 'Creation time.' })
  createdAt!: Date;

  @Field({ description: 'Last change.' })
  updatedAt!: Date;
}

@ObjectType({ description: 'A page of tenants.' })
export class TenantConnection extends ConnectionType(Tenant) {}

@InputType({ description: 'Narrows the tenant list.' })
export class TenantFilter {
  @Field(() => String, {
    nullable: true,
    description: 'Case-insensitive substring of the name or slug.',
  })
  search?: string | null;

  @Field(() => Boolean, {
    nullable: true,
    description: 'Include disabled tenants (default false).',
  })
  includeDisabled?: boolean | null;
}

@ArgsType()
export class TenantListArgs extends PageArgs {
  @Field(() => TenantFilter, {
    nullable: true,
    description: 'Filters; omit for all tenants you may see.',
  })
  filter?: TenantFilter | null;
}
