/** Which partitions a publish recompiles. */
export interface PublishScope {
  /** Every partition (startup, master-key re-seal, or Redis lost the manifest). */
  readonly everything: boolean;
  /** Catalog models and prices, global aliases, platform accounts and deployments. */
  readonly base: boolean;
  readonly tenantIds: ReadonlySet<string>;
}

export const everythingScope: PublishScope = { everything: true, base: true, tenantIds: new Set() };

/**
 * The partitions a committed change touches, from what it audited: a row owned by a tenant is
 * in that tenant's partition, a platform row (tenantId null) is in the base.
 */
export function scopeOfChanges(changes: ReadonlyArray<{ tenantId: string | null }>): PublishScope {
  const tenantIds = new Set<string>();
  let base = false;
  for (const change of changes) {
    if (change.tenantId === null) base = true;
    else tenantIds.add(change.tenantId);
  }
  return { everything: false, base, tenantIds };
}

export function isEmptyScope(scope: PublishScope): boolean {
  return !scope.everything && !scope.base && scope.tenantIds.size === 0;
}

/** For logs and the SnapshotVersion reason: `everything`, `base`, `base+3 tenants`, `tenant t1`. */
export function describeScope(scope: PublishScope): string {
  if (scope.everything) return 'everything';
  const parts: string[] = scope.base ? ['base'] : [];
  if (scope.tenantIds.size === 1) parts.push(`tenant ${[...scope.tenantIds][0]}`);
  else if (scope.tenantIds.size > 1) parts.push(`${scope.tenantIds.size} tenants`);
  return parts.join('+');
}

/**
 * What publish requests asked for since the last run started: a burst on one tenant becomes one
 * recompile of that tenant, changes to several partitions one run that covers them all.
 */
export class PendingPublish {
  private reasons = new Set<string>();
  private everything = false;
  private base = false;
  private tenantIds = new Set<string>();

  add(reason: string, scope: PublishScope): void {
    this.reasons.add(reason);
    this.everything ||= scope.everything;
    this.base ||= scope.base;
    for (const tenantId of scope.tenantIds) this.tenantIds.add(tenantId);
  }

  /** Hands over everything pending and starts collecting afresh. */
  take(): { reasons: string[]; scope: PublishScope } {
    const taken = {
      reasons: [...this.reasons],
      scope: { everything: this.everything, base: this.base, tenantIds: this.tenantIds },
    };
    this.reasons = new Set();
    this.everything = false;
    this.base = false;
    this.tenantIds = new Set();
    return taken;
  }

  /** Puts a failed run's work back, so the retry covers it along with anything newer. */
  restore(taken: { reasons: string[]; scope: PublishScope }): void {
    for (const reason of taken.reasons) this.add(reason, taken.scope);
  }
}
