import {
  basePartitionSchema,
  tenantPartitionSchema,
  type BasePartition,
  type TenantPartition,
} from '@switchyard/policy';
import type { Database, Transaction } from '../../infra/prisma.service.js';
import { buildBasePartition, buildTenantPartitions } from './build-snapshot-partitions.js';
import { loadBaseRows, loadTenantRows } from './load-partition-rows.js';
import type { PublishScope } from './publish-scope.js';

/** The partitions one publish writes, validated against the `packages/policy` schemas. */
export interface CompiledPartitions {
  /** Everything was compiled: tenants not in `tenants` no longer exist. */
  full: boolean;
  base: BasePartition | undefined;
  tenants: TenantPartition[];
  /** Tenants asked for that are no longer live (disabled or deleted). */
  removed: string[];
}

/**
 * Reads the rows of the partitions in scope in one repeatable-read transaction (so partitions
 * published together never mix two states), builds and validates them. Validating here means a
 * bug can never publish a partition the data plane would refuse.
 */
export async function compileSnapshotPartitions(
  db: Database,
  scope: PublishScope,
  version: number,
  now = new Date(),
): Promise<CompiledPartitions> {
  const tenantIds = scope.everything ? 'all' : [...scope.tenantIds];
  const rows = await db.$transaction(
    async (transaction: Transaction) => ({
      base: scope.everything || scope.base ? await loadBaseRows(transaction) : undefined,
      tenants:
        tenantIds === 'all' || tenantIds.length > 0
          ? await loadTenantRows(transaction, tenantIds, now)
          : undefined,
    }),
    {
      isolationLevel: 'RepeatableRead',
      // Everything at 100k keys takes seconds to read, over Prisma's 5 s default under load.
      timeout: 120_000,
      maxWait: 10_000,
    },
  );
  const base = rows.base && basePartitionSchema.parse(buildBasePartition(rows.base, version, now));
  const tenants = rows.tenants
    ? buildTenantPartitions(rows.tenants, version, now).map((partition) =>
        tenantPartitionSchema.parse(partition),
      )
    : [];
  const live = new Set(tenants.map((partition) => partition.tenantId));
  const removed = tenantIds === 'all' ? [] : tenantIds.filter((tenantId) => !live.has(tenantId));
  return { full: scope.everything, base, tenants, removed };
}
