import { Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { GqlContextType } from '@nestjs/graphql';
import type { AdminRole } from '@switchyard/db';
import { ForbiddenError } from '../../graphql/api-errors.js';
import { allowedRolesKey, requestFromContext } from './allow.decorator.js';
import { AuthService } from './auth.service.js';

const roleDescriptions: Record<AdminRole, string> = {
  PLATFORM_ADMIN: 'platform admins',
  TENANT_ADMIN: 'tenant admins',
  FINANCE: 'finance principals',
};

/**
 * Authenticates every GraphQL operation and checks the resolver's @Allow roles. HTTP routes
 * (/healthz, /readyz, /metrics) are public and not guarded here.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly auth: AuthService,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (context.getType<GqlContextType>() !== 'graphql') return true;
    const request = requestFromContext(context);
    // One authentication per HTTP request, however many fields the operation selects.
    request.actorPromise ??= this.auth.authenticate(request.headers.authorization);
    request.actor = await request.actorPromise;
    const allowed = this.reflector.getAllAndOverride<AdminRole[] | undefined>(allowedRolesKey, [
      context.getHandler(),
      context.getClass(),
    ]);
    if (!allowed?.includes(request.actor.role)) {
      const who = (allowed ?? []).map((role) => roleDescriptions[role]).join(' or ') || 'nobody';
      throw new ForbiddenError(
        `Only ${who} may do this; you are signed in as ${request.actor.role}.`,
      );
    }
    return true;
  }
}
