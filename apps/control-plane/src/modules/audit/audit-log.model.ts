import { ArgsType, Field, ID, InputType, ObjectType } from '@nestjs/graphql';
import { JsonScalar } from '../../graphql/json-scalar.js';
import { ConnectionType, PageArgs } from '../../graphql/pagination.js';
import type { JsonValue } from './redact-audit-values.js';

@ObjectType({
  description:
    'One recorded change: who did what to which entity, with a secret-free before/after diff.',
})
export class AuditLogEntry {
  @Field(() => ID, { description: 'Audit row id.' })
  id!: string;

  @Field(() => String, {
    nullable: true,
    description: 'Admin principal that made the change (null if since deleted).',
  })
  actorPrincipalId!: string | null;

  @Field({ description: 'Name (and e-mail) of the actor at the time of the change.' })
  actorLabel!: string;

  @Field(() => String, {
    nullable: true,
    description: 'Tenant the entity belongs to; null for global entities.',
  })
  tenantId!: string | null;

  @Field({ description: 'What happened, `<entity>.<verb>`, e.g. `api_key.revoked`.' })
  action!: string;

  @Field({ description: 'Kind of entity changed, e.g. `api_key`.' })
  entityType!: string;

  @Field({ description: 'Id of the changed entity.' })
  entityId!: string;

  @Field(() => JsonScalar, {
    nullable: true,
    description: 'Changed fields before the change (whole row for deletes); secrets removed.',
  })
  before!: JsonValue | null;

  @Field(() => JsonScalar, {
    nullable: true,
    description: 'Changed fields after the change (whole row for creates); secrets removed.',
  })
  after!: JsonValue | null;

  @Field({ description: 'When the change committed.' })
  createdAt!: Date;
}

@ObjectType({ description: 'A page of audit entries, newest first.' })
export class AuditLogConnection extends ConnectionType(AuditLogEntry) {}

@InputType({ description: 'Narrows the audit log; all given filters must hold.' })
export class AuditLogFilter {
  @Field(() => ID, { nullable: true, description: 'Only changes to this tenant’s entities.' })
  tenantId?: string | null;

  @Field(() => String, { nullable: true, description: 'Only this entity type, e.g. `api_key`.' })
  entityType?: string | null;

  @Field(() => String, { nullable: true, description: 'Only this entity id.' })
  entityId?: string | null;

  @Field(() => String, { nullable: true, description: 'Only this action, e.g. `api_key.revoked`.' })
  action?: string | null;

  @Field(() => ID, { nullable: true, description: 'Only changes by this principal.' })
  actorPrincipalId?: string | null;

  @Field(() => Date, { nullable: true, description: 'Only changes at or after this time.' })
  from?: Date | null;

  @Field(() => Date, { nullable: true, description: 'Only changes before this time.' })
  to?: Date | null;
}

@ArgsType()
export class AuditLogArgs extends PageArgs {
  @Field(() => AuditLogFilter, {
    nullable: true,
    description: 'Filters; omit for everything you may see.',
  })
  filter?: AuditLogFilter | null;
}
