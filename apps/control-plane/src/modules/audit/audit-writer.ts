import type { Transaction } from '../../infra/prisma.service.js';
import type { Actor } from '../auth/actor.js';
import { auditDiff } from './redact-audit-values.js';

/** What one mutation did to one entity. */
export interface AuditEntry {
  /** `<entity>.<verb>`, e.g. `api_key.revoked`. */
  action: string;
  entityType: string;
  entityId: string;
  tenantId: string | null;
  before?: object | null;
  after?: object | null;
}

/** Writes audit rows inside the caller's transaction, so a change and its record commit together. */
export async function writeAuditEntries(
  transaction: Transaction,
  actor: Actor,
  entries: readonly AuditEntry[],
): Promise<void> {
  if (entries.length === 0) return;
  await transaction.auditLog.createMany({
    data: entries.map((entry) => {
      const diff = auditDiff(entry.before, entry.after);
      return {
        actorPrincipalId: actor.principalId,
        actorLabel: actor.label,
        tenantId: entry.tenantId,
        action: entry.action,
        entityType: entry.entityType,
        entityId: entry.entityId,
        ...(diff.before ? { before: diff.before } : {}),
        ...(diff.after ? { after: diff.after } : {}),
      };
    }),
  });
}
