import { Injectable } from '@nestjs/common';
import { PrismaService, type Transaction } from '../../infra/prisma.service.js';
import type { Actor } from '../auth/actor.js';
import { scopeOfChanges, type PublishScope } from '../snapshots/publish-scope.js';
import { SnapshotService } from '../snapshots/snapshot.service.js';
import { writeAuditEntries, type AuditEntry } from './audit-writer.js';

export interface ChangeOutcome<T> {
  result: T;
  audit: AuditEntry | AuditEntry[];
}

/**
 * The one way a mutation writes: the change and its audit rows commit in one transaction, then
 * (for changes the data plane sees) the snapshot partitions it touched are republished: the
 * audited rows' tenants, or the base for platform rows, unless `snapshotScope` says otherwise.
 * A failed validation inside `work` rolls everything back, so nothing is ever half-written.
 */
@Injectable()
export class AuditedChangeService {
  constructor(
    private readonly prisma: PrismaService,
    private readonly snapshots: SnapshotService,
  ) {}

  async apply<T>(
    actor: Actor,
    options: { affectsSnapshot: boolean; snapshotScope?: PublishScope },
    work: (transaction: Transaction) => Promise<ChangeOutcome<T>>,
  ): Promise<T> {
    let entries: AuditEntry[] = [];
    const result = await this.prisma.db.$transaction(async (transaction: Transaction) => {
      const outcome = await work(transaction);
      entries = Array.isArray(outcome.audit) ? outcome.audit : [outcome.audit];
      await writeAuditEntries(transaction, actor, entries);
      return outcome.result;
    });
    if (options.affectsSnapshot) {
      // Not awaited: the change is committed; the publisher retries until Redis takes it.
      const reason = [...new Set(entries.map((entry) => entry.action))].join(',');
      const scope = options.snapshotScope ?? scopeOfChanges(entries);
      void this.snapshots.requestPublish(reason, scope).catch(() => undefined);
    }
    return result;
  }
}
