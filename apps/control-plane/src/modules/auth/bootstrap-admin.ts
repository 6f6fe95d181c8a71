import type { Logger } from 'pino';
import type { Database, Transaction } from '../../infra/prisma.service.js';
import { generateAdminToken, hashAdminToken } from './admin-token.js';

/** Any constant works; it only serialises bootstrap between control-plane replicas. */
const bootstrapLockKey = 731_944_001;

export interface BootstrapResult {
  /** Clear text of a token created now (print once); undefined when nothing was created. */
  createdToken: string | undefined;
}

async function createPlatformAdmin(
  transaction: Transaction,
  tokenHash: string,
  prefix: string,
  source: string,
) {
  const principal = await transaction.adminPrincipal.create({
    data: { name: 'Bootstrap platform admin', role: 'PLATFORM_ADMIN' },
  });
  const token = await transaction.adminToken.create({
    data: { principalId: principal.id, tokenHash, prefix },
  });
  await transaction.auditLog.create({
    data: {
      actorLabel: `system (${source})`,
      action: 'admin_principal.bootstrapped',
      entityType: 'admin_principal',
      entityId: principal.id,
      after: { name: principal.name, role: principal.role, tokenId: token.id, tokenPrefix: prefix },
    },
  });
}

/**
 * Makes sure someone can sign in: with SWITCHYARD_ADMIN_TOKEN, that token is registered (hashed);
 * without it, a platform admin and token are created when none exists, and the caller prints the
 * token once. An advisory lock keeps two replicas from both creating one.
 */
export async function bootstrapPlatformAdmin(
  db: Database,
  configuredToken: string | undefined,
  logger: Logger,
): Promise<BootstrapResult> {
  return db.$transaction(async (transaction: Transaction) => {
    await transaction.$executeRaw`SELECT pg_advisory_xact_lock(${bootstrapLockKey})`;
    if (configuredToken) {
      const tokenHash = hashAdminToken(configuredToken);
      const existing = await transaction.adminToken.findUnique({ where: { tokenHash } });
      if (existing?.revokedAt)
        logger.warn('SWITCHYARD_ADMIN_TOKEN was revoked; it will not be re-enabled');
      if (!existing) {
        await createPlatformAdmin(
          transaction,
          tokenHash,
          configuredToken.slice(0, 12),
          'SWITCHYARD_ADMIN_TOKEN',
        );
        logger.info('registered SWITCHYARD_ADMIN_TOKEN as a platform-admin token');
      }
      return { createdToken: undefined };
    }
    const admins = await transaction.adminPrincipal.count({ where: { role: 'PLATFORM_ADMIN' } });
    if (admins > 0) return { createdToken: undefined };
    const generated = generateAdminToken();
    await createPlatformAdmin(transaction, generated.hash, generated.prefix, 'first start');
    return { createdToken: generated.token };
  });
}
