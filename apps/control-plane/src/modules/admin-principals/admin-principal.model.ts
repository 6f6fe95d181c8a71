import { ArgsType, Field, ID, InputType, ObjectType } from '@nestjs/graphql';
import { AdminRole } from '../../graphql/enums.js';
import { ConnectionType, PageArgs } from '../../graphql/pagination.js';

@ObjectType({
  description: 'A bearer token of an admin principal; only its prefix is ever shown again.',
})
export class AdminToken {
  @Field(() => ID, { description: 'Token id.' })
  id!: string;

  @Field(() => ID, { description: 'Principal the token signs in as.' })
  principalId!: string;

  @Field({ description: 'First characters of the token, to tell tokens apart.' })
  prefix!: string;

  @Field(() => Date, { nullable: true, description: 'Last time the token was used.' })
  lastUsedAt!: Date | null;

  @Field(() => Date, { nullable: true, description: 'When it stops working; null = never.' })
  expiresAt!: Date | null;

  @Field(() => Date, { nullable: true, description: 'When it was revoked; null = active.' })
  revokedAt!: Date | null;

  @Field({ description: 'Creation time.' })
  createdAt!: Date;
}

@ObjectType({ description: 'An admin identity with one role.' })
export class AdminPrincipal {
  @Field(() => ID, { description: 'Principal id.' })
  id!: string;

  @Field({ description: 'Display name.' })
  name!: string;

  @Field(() => String, { nullable: true, description: 'Contact e-mail.' })
  email!: string | null;

  @Field(() => AdminRole, { description: 'What the principal may do.' })
  role!: keyof typeof AdminRole;

  @Field(() => ID, {
    nullable: true,
    description: 'Tenant a TENANT_ADMIN / FINANCE principal is limited to; null = platform-wide.',
  })
  tenantId!: string | null;

  @Field(() => [AdminToken], { description: 'Its tokens (prefixes only).' })
  tokens!: AdminToken[];

  @Field({ description: 'Creation time.' })
  createdAt!: Date;
}

@ObjectType({ description: 'A new admin token and its secret, shown this one time only.' })
export class CreatedAdminToken {
  @Field(() => AdminToken, { description: 'The stored token (prefix only).' })
  token!: AdminToken;

  @Field({ description: 'Send it as `Authorization: Bearer <secret>`; it cannot be shown again.' })
  secret!: string;
}

@ObjectType({ description: 'A page of admin principals.' })
export class AdminPrincipalConnection extends ConnectionType(AdminPrincipal) {}

@InputType({ description: 'Narrows the admin-principal list.' })
export class AdminPrincipalFilter {
  @Field(() => ID, { nullable: true, description: 'Only principals of this tenant.' })
  tenantId?: string | null;

  @Field(() => AdminRole, { nullable: true, description: 'Only this role.' })
  role?: keyof typeof AdminRole | null;
}

@ArgsType()
export class AdminPrincipalListArgs extends PageArgs {
  @Field(() => AdminPrincipalFilter, { nullable: true, description: 'Filters; omit for everyone.' })
  filter?: AdminPrincipalFilter | null;
}
