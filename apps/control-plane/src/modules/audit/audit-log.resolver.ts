import { Args, Query, Resolver } from '@nestjs/graphql';
import type { Actor } from '../auth/actor.js';
import { Allow, CurrentActor } from '../auth/allow.decorator.js';
import { AuditLogArgs, AuditLogConnection } from './audit-log.model.js';
import { AuditLogService } from './audit-log.service.js';

@Resolver()
export class AuditLogResolver {
  constructor(private readonly service: AuditLogService) {}

  @Query(() => AuditLogConnection, {
    description: 'Recorded changes, newest first (admins only; tenant admins see their tenant).',
  })
  @Allow('PLATFORM_ADMIN', 'TENANT_ADMIN')
  auditLog(@CurrentActor() actor: Actor, @Args() args: AuditLogArgs): Promise<AuditLogConnection> {
    return this.service.list(actor, args);
  }
}
