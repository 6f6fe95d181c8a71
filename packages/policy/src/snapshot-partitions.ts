import { z } from 'zod';
import {
  snapshotAliasSchema,
  snapshotApiKeySchema,
  snapshotDeploymentSchema,
  snapshotModelSchema,
  snapshotProviderAccountSchema,
  snapshotSchemaVersion,
  snapshotTenantSchema,
} from './snapshot-schema.js';

/*
 * The policy snapshot split in partitions, so that a change to one tenant is compiled, stored and
 * loaded on its own (one full snapshot at 10,000 tenants / 100,000 keys is ~30 MiB and seconds to
 * compile). Additive to schemaVersion 1: a full `PolicySnapshot` still parses, and
 * `assembleSnapshot` / `splitSnapshot` convert between the two shapes.
 *
 * - base partition: what every tenant shares (catalog models and prices, global aliases,
 *   platform provider accounts and deployments).
 * - tenant partition: one tenant's settings (policy, budgets, rate limits, its own aliases), its
 *   gateway keys by hash, and its own provider accounts and deployments.
 * - manifest: which version of each partition is current, plus a version of its own that grows
 *   by one step with every publish.
 */

const id = z.string().min(1);
const isoDate = z.iso.datetime({ offset: true });
const partitionVersion = z.number().int().min(1);
const keyHash = z.string().regex(/^[0-9a-f]{64}$/);

export const basePartitionSchema = z
  .object({
    schemaVersion: z.literal(snapshotSchemaVersion),
    version: partitionVersion,
    generatedAt: isoDate,
    models: z.record(id, snapshotModelSchema),
    /** Global aliases; a tenant's own aliases override them. */
    aliases: z.record(z.string(), snapshotAliasSchema).default({}),
    /** Platform accounts only (tenantId null). */
    providerAccounts: z.record(id, snapshotProviderAccountSchema),
    /** Shared deployments only (tenantId null). */
    deployments: z.record(id, snapshotDeploymentSchema),
  })
  .strict()
  .superRefine((base, context) => {
    // A base that carried tenant-owned rows would leak them into every tenant's routing.
    for (const [accountId, account] of Object.entries(base.providerAccounts)) {
      if (account.tenantId !== null)
        context.addIssue({
          code: 'custom',
          path: ['providerAccounts', accountId],
          message: 'base partition holds only shared accounts',
        });
    }
    for (const [deploymentId, deployment] of Object.entries(base.deployments)) {
      if (deployment.tenantId !== null)
        context.addIssue({
          code: 'custom',
          path: ['deployments', deploymentId],
          message: 'base partition holds only shared deployments',
        });
    }
  });
export type BasePartition = z.infer<typeof basePartitionSchema>;

export const tenantPartitionSchema = z
  .object({
    schemaVersion: z.literal(snapshotSchemaVersion),
    tenantId: id,
    version: partitionVersion,
    generatedAt: isoDate,
    /** The tenant's settings; `aliases` are its own only (the base's global ones merge under them). */
    tenant: snapshotTenantSchema,
    /** The tenant's gateway keys by SHA-256 hex of the secret. Revoked keys are absent. */
    apiKeys: z.record(keyHash, snapshotApiKeySchema),
    providerAccounts: z.record(id, snapshotProviderAccountSchema).default({}),
    /** The tenant's own deployments; they may use its own or platform accounts. */
    deployments: z.record(id, snapshotDeploymentSchema).default({}),
  })
  .strict()
  .superRefine((partition, context) => {
    // Everything in a tenant partition must belong to that tenant: a partition is applied on
    // its own, so a row naming another tenant could inject keys or routes into it.
    const foreign = (path: (string | number)[], owner: string | null) => {
      if (owner !== partition.tenantId)
        context.addIssue({
          code: 'custom',
          path,
          message: `belongs to ${owner ?? 'the platform'}, not tenant ${partition.tenantId}`,
        });
    };
    foreign(['tenant', 'id'], partition.tenant.id);
    for (const [hash, key] of Object.entries(partition.apiKeys))
      foreign(['apiKeys', hash], key.tenantId);
    for (const [accountId, account] of Object.entries(partition.providerAccounts))
      foreign(['providerAccounts', accountId], account.tenantId);
    for (const [deploymentId, deployment] of Object.entries(partition.deployments))
      foreign(['deployments', deploymentId], deployment.tenantId);
  });
export type TenantPartition = z.infer<typeof tenantPartitionSchema>;

/** Which partition versions are current. Partition versions only ever grow. */
export const snapshotManifestSchema = z
  .object({
    /** Grows by at least one with every publish that changed something. */
    version: z.number().int().min(1),
    base: partitionVersion,
    tenants: z.record(id, partitionVersion),
  })
  .strict();
export type SnapshotManifest = z.infer<typeof snapshotManifestSchema>;

/**
 * The message on the change channel: exactly what one publish changed. A reader whose manifest
 * version equals `previous` applies it; any other reader has missed something and resyncs from
 * the manifest.
 */
export const snapshotChangeSchema = z
  .object({
    manifest: z.number().int().min(1),
    previous: z.number().int().min(0),
    base: partitionVersion.optional(),
    tenants: z.record(id, partitionVersion).default({}),
    removed: z.array(id).default([]),
  })
  .strict();
export type SnapshotChange = z.infer<typeof snapshotChangeSchema>;
