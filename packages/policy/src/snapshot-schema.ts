import { z } from 'zod';
import { capabilitySchema, routingPolicyDocumentSchema } from './routing-policy-schema.js';

/**
 * The policy snapshot: everything the data plane needs to serve requests, compiled by the control
 * plane from Postgres and published through Redis. It is the only contract between the two.
 * Old snapshots must keep parsing: add optional fields, never repurpose one; bump
 * `snapshotSchemaVersion` for a breaking change and keep a reader for the previous version.
 */
export const snapshotSchemaVersion = 1;

const isoDate = z.iso.datetime({ offset: true });
const id = z.string().min(1);

/** Prices in integer nano-USD per million tokens, effective from a date (inclusive). */
export const snapshotPriceSchema = z
  .object({
    effectiveFrom: isoDate,
    effectiveTo: isoDate.nullish(),
    input: z.number().int().min(0),
    output: z.number().int().min(0),
    cacheRead: z.number().int().min(0).nullish(),
    cacheWrite: z.number().int().min(0).nullish(),
    cacheWrite1h: z.number().int().min(0).nullish(),
    reasoning: z.number().int().min(0).nullish(),
    longContextThresholdTokens: z.number().int().min(1).nullish(),
    longContextInput: z.number().int().min(0).nullish(),
    longContextOutput: z.number().int().min(0).nullish(),
    longContextCacheRead: z.number().int().min(0).nullish(),
  })
  .strict();
export type SnapshotPrice = z.infer<typeof snapshotPriceSchema>;

export const snapshotModelSchema = z
  .object({
    id,
    /** Canonical, dated model id callers and aliases refer to, e.g. `gpt-4.1-mini-2025-04-14`. */
    canonicalId: z.string().min(1),
    providerType: z.string().min(1),
    providerModelId: z.string().min(1),
    version: z.string().nullish(),
    contextWindow: z.number().int().min(1),
    maxOutputTokens: z.number().int().min(1).nullish(),
    capabilities: z.array(capabilitySchema),
    qualityScore: z.number().int().min(0).max(100).nullish(),
    deprecatedAt: isoDate.nullish(),
    prices: z.array(snapshotPriceSchema),
  })
  .strict();
export type SnapshotModel = z.infer<typeof snapshotModelSchema>;

/** An upstream credential, sealed with the master key (AES-256-GCM); never clear text here. */
export const sealedSecretSchema = z
  .object({ keyId: z.string().min(1), iv: z.string(), tag: z.string(), ciphertext: z.string() })
  .strict();
export type SealedSecret = z.infer<typeof sealedSecretSchema>;

export const snapshotProviderAccountSchema = z
  .object({
    id,
    tenantId: id.nullable(),
    name: z.string(),
    providerType: z.string().min(1),
    baseUrl: z.url(),
    region: z.string().nullish(),
    options: z.record(z.string(), z.string()).default({}),
    keys: z.array(
      z
        .object({ id, weight: z.number().int().min(0).default(1), secret: sealedSecretSchema })
        .strict(),
    ),
  })
  .strict();
export type SnapshotProviderAccount = z.infer<typeof snapshotProviderAccountSchema>;

export const snapshotDeploymentSchema = z
  .object({
    id,
    tenantId: id.nullable(),
    name: z.string().min(1),
    modelId: id,
    providerAccountId: id,
    weight: z.number().int().min(0).default(1),
    region: z.string().nullish(),
    maxConcurrency: z.number().int().min(1).nullish(),
    rpmLimit: z.number().int().min(1).nullish(),
    tpmLimit: z.number().int().min(1).nullish(),
  })
  .strict();
export type SnapshotDeployment = z.infer<typeof snapshotDeploymentSchema>;

export const snapshotAliasSchema = z
  .object({ modelId: id, fallbackModelIds: z.array(id).default([]) })
  .strict();

export const snapshotBudgetSchema = z
  .object({
    id,
    name: z.string(),
    scopeType: z.enum(['TENANT', 'API_KEY', 'PROVIDER', 'MODEL', 'TAG', 'END_USER']),
    scopeValue: z.string().nullish(),
    period: z.enum(['DAILY', 'MONTHLY']),
    limitNanoUsd: z.string().regex(/^\d+$/, 'integer nano-USD as a decimal string'),
    action: z.enum(['WARN', 'DOWNGRADE', 'BLOCK']),
    downgradeModelId: id.nullish(),
    alertThresholds: z.array(z.number().int().min(1).max(1000)).default([50, 80, 100]),
  })
  .strict();
export type SnapshotBudget = z.infer<typeof snapshotBudgetSchema>;

export const snapshotRateLimitSchema = z
  .object({
    id,
    apiKeyId: id.nullish(),
    modelId: id.nullish(),
    requestsPerMinute: z.number().int().min(1).nullish(),
    tokensPerMinute: z.number().int().min(1).nullish(),
  })
  .strict();
export type SnapshotRateLimit = z.infer<typeof snapshotRateLimitSchema>;

export const snapshotTenantSchema = z
  .object({
    id,
    name: z.string(),
    slug: z.string(),
    timezone: z.string().default('UTC'),
    unsupportedParameters: z.enum(['reject', 'drop']).default('reject'),
    payloadLogging: z.boolean().default(false),
    allowedProviders: z.array(z.string()).default([]),
    blockedProviders: z.array(z.string()).default([]),
    allowedRegions: z.array(z.string()).default([]),
    allowedModels: z.array(z.string()).default([]),
    /** Alias → pinned model id (catalog `id`), per tenant; global aliases are merged in. */
    aliases: z.record(z.string(), snapshotAliasSchema).default({}),
    routingPolicy: routingPolicyDocumentSchema.nullish(),
    routingPolicyVersion: z.number().int().nullish(),
    budgets: z.array(snapshotBudgetSchema).default([]),
    rateLimits: z.array(snapshotRateLimitSchema).default([]),
  })
  .strict();
export type SnapshotTenant = z.infer<typeof snapshotTenantSchema>;

export const snapshotApiKeySchema = z
  .object({
    id,
    tenantId: id,
    prefix: z.string(),
    scopes: z.array(z.string()).default([]),
    allowedModels: z.array(z.string()).default([]),
    allowedProviders: z.array(z.string()).default([]),
    expiresAt: isoDate.nullish(),
    metadata: z.record(z.string(), z.unknown()).default({}),
  })
  .strict();
export type SnapshotApiKey = z.infer<typeof snapshotApiKeySchema>;

export const policySnapshotSchema = z
  .object({
    schemaVersion: z.literal(snapshotSchemaVersion),
    version: z.number().int().min(0),
    generatedAt: isoDate,
    tenants: z.record(id, snapshotTenantSchema),
    /** Gateway keys by SHA-256 hex of the secret. Revoked keys are absent. */
    apiKeys: z.record(z.string().regex(/^[0-9a-f]{64}$/), snapshotApiKeySchema),
    models: z.record(id, snapshotModelSchema),
    /** Global aliases (tenants may override). */
    aliases: z.record(z.string(), snapshotAliasSchema).default({}),
    providerAccounts: z.record(id, snapshotProviderAccountSchema),
    deployments: z.record(id, snapshotDeploymentSchema),
  })
  .strict();
export type PolicySnapshot = z.infer<typeof policySnapshotSchema>;
