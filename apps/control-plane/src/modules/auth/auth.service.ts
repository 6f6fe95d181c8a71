import { Inject, Injectable } from '@nestjs/common';
import type { Logger } from 'pino';
import { UnauthenticatedError } from '../../graphql/api-errors.js';
import { PrismaService } from '../../infra/prisma.service.js';
import { LOGGER } from '../../infra/tokens.js';
import type { Actor } from './actor.js';
import { hashAdminToken } from './admin-token.js';

/** lastUsedAt is informational; writing it at most once a minute keeps reads cheap. */
const lastUsedWriteIntervalMs = 60_000;

/** Turns a bearer token into an Actor, or explains why it cannot. */
@Injectable()
export class AuthService {
  constructor(
    private readonly prisma: PrismaService,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  async authenticate(authorization: string | undefined): Promise<Actor> {
    const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization ?? '');
    if (!match?.[1]) {
      throw new UnauthenticatedError('Send an admin token as `Authorization: Bearer <token>`.');
    }
    const token = await this.prisma.db.adminToken.findUnique({
      where: { tokenHash: hashAdminToken(match[1]) },
      include: { principal: true },
    });
    const now = new Date();
    if (!token) throw new UnauthenticatedError('The admin token is not valid.');
    if (token.revokedAt)
      throw new UnauthenticatedError(
        'The admin token was revoked; ask a platform admin for a new one.',
      );
    if (token.expiresAt && token.expiresAt <= now) {
      throw new UnauthenticatedError(
        'The admin token has expired; ask a platform admin for a new one.',
      );
    }
    if (!token.lastUsedAt || now.getTime() - token.lastUsedAt.getTime() > lastUsedWriteIntervalMs) {
      this.prisma.db.adminToken
        .update({ where: { id: token.id }, data: { lastUsedAt: now } })
        .catch((error: unknown) =>
          this.logger.warn({ err: error }, 'could not record admin token use'),
        );
    }
    const { principal } = token;
    return {
      principalId: principal.id,
      label: principal.email ? `${principal.name} <${principal.email}>` : principal.name,
      role: principal.role,
      tenantId: principal.tenantId,
    };
  }
}
