import { createParamDecorator, SetMetadata, type ExecutionContext } from '@nestjs/common';
import { GqlExecutionContext } from '@nestjs/graphql';
import type { AdminRole } from '@switchyard/db';
import type { FastifyRequest } from 'fastify';
import type { Actor } from './actor.js';

export const allowedRolesKey = 'switchyard:allowed-roles';

/**
 * Roles that may call a resolver. Resolvers without it are refused (fail closed); services still
 * scope every row to the actor's tenant.
 */
export const Allow = (...roles: AdminRole[]) => SetMetadata(allowedRolesKey, roles);

/** Every role, for read-only queries. */
export const anyRole: AdminRole[] = ['PLATFORM_ADMIN', 'TENANT_ADMIN', 'FINANCE'];

/** The request as the GraphQL context carries it, after the guard authenticated it. */
export type AuthenticatedRequest = FastifyRequest & {
  actor?: Actor;
  actorPromise?: Promise<Actor>;
};

export function requestFromContext(context: ExecutionContext): AuthenticatedRequest {
  return GqlExecutionContext.create(context).getContext<{ req: AuthenticatedRequest }>().req;
}

/** Injects the authenticated Actor into a resolver argument. */
export const CurrentActor = createParamDecorator(
  (_data: unknown, context: ExecutionContext): Actor => {
    const actor = requestFromContext(context).actor;
    if (!actor) throw new Error('CurrentActor used on a resolver the auth guard did not protect');
    return actor;
  },
);
