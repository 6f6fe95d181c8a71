import { randomBytes } from 'node:crypto';
import {
  generateApiKey,
  parseMasterKeyRing,
  policySnapshotSchema,
  sealSecret,
  snapshotSchemaVersion,
  type MasterKeyRing,
  type PolicySnapshot,
  type SnapshotApiKey,
  type SnapshotDeployment,
  type SnapshotModel,
  type SnapshotPrice,
  type SnapshotProviderAccount,
  type SnapshotTenant,
} from '@switchyard/policy';

/** A master key ring for tests, with the environment-variable text that produces it. */
export function createTestKeyRing(): { ring: MasterKeyRing; text: string } {
  const text = `test-1:${randomBytes(32).toString('base64')}`;
  return { ring: parseMasterKeyRing(text), text };
}

/** $1 / $2 per million tokens: round numbers make cost assertions easy to read. */
export const testPrice: SnapshotPrice = {
  effectiveFrom: '2020-01-01T00:00:00.000Z',
  input: 1_000_000_000,
  output: 2_000_000_000,
};

/**
 * Builds policy snapshots for tests and benchmarks exactly as the control plane would publish
 * them (sealed provider keys, hashed gateway keys), validated against the real schema.
 */
export class SnapshotBuilder {
  private sequence = 0;
  private readonly tenants: Record<string, SnapshotTenant> = {};
  private readonly apiKeys: PolicySnapshot['apiKeys'] = {};
  private readonly models: Record<string, SnapshotModel> = {};
  private readonly accounts: Record<string, SnapshotProviderAccount> = {};
  private readonly deployments: Record<string, SnapshotDeployment> = {};
  private readonly globalAliases: PolicySnapshot['aliases'] = {};

  constructor(private readonly ring: MasterKeyRing) {}

  private nextId(kind: string): string {
    this.sequence += 1;
    return `${kind}_${this.sequence}`;
  }

  tenant(overrides: Partial<SnapshotTenant> = {}): SnapshotTenant {
    const id = overrides.id ?? this.nextId('tenant');
    const tenant: SnapshotTenant = {
      id,
      name: id,
      slug: id,
      timezone: 'UTC',
      unsupportedParameters: 'reject',
      payloadLogging: false,
      allowedProviders: [],
      blockedProviders: [],
      allowedRegions: [],
      allowedModels: [],
      aliases: {},
      budgets: [],
      rateLimits: [],
      ...overrides,
    };
    this.tenants[id] = tenant;
    return tenant;
  }

  /** Adds a gateway key and returns its secret (what a client sends). */
  apiKey(
    tenant: SnapshotTenant,
    overrides: Partial<SnapshotApiKey> = {},
  ): { key: string; id: string } {
    const generated = generateApiKey();
    const id = overrides.id ?? this.nextId('key');
    this.apiKeys[generated.hash] = {
      id,
      tenantId: tenant.id,
      prefix: generated.prefix,
      scopes: [],
      allowedModels: [],
      allowedProviders: [],
      metadata: {},
      ...overrides,
    };
    return { key: generated.key, id };
  }

  model(
    overrides: Partial<SnapshotModel> & { canonicalId: string; providerType: string },
  ): SnapshotModel {
    const id = overrides.id ?? this.nextId('model');
    const model: SnapshotModel = {
      id,
      providerModelId: overrides.canonicalId,
      contextWindow: 128_000,
      capabilities: ['tools', 'json_schema', 'json_object', 'vision'],
      prices: [testPrice],
      ...overrides,
    };
    this.models[id] = model;
    return model;
  }

  providerAccount(options: {
    providerType: string;
    baseUrl: string;
    keys: string[];
    tenantId?: string | null;
    region?: string;
    options?: Record<string, string>;
    name?: string;
  }): SnapshotProviderAccount {
    const id = this.nextId('account');
    const account: SnapshotProviderAccount = {
      id,
      tenantId: options.tenantId ?? null,
      name: options.name ?? id,
      providerType: options.providerType,
      baseUrl: options.baseUrl,
      region: options.region ?? null,
      options: options.options ?? {},
      keys: options.keys.map((secret, index) => ({
        id: `${id}_key_${index}`,
        weight: 1,
        secret: sealSecret(secret, this.ring),
      })),
    };
    this.accounts[id] = account;
    return account;
  }

  deployment(
    model: SnapshotModel,
    account: SnapshotProviderAccount,
    overrides: Partial<SnapshotDeployment> = {},
  ): SnapshotDeployment {
    const id = overrides.id ?? this.nextId('deployment');
    const deployment: SnapshotDeployment = {
      id,
      tenantId: null,
      name: id,
      modelId: model.id,
      providerAccountId: account.id,
      weight: 1,
      region: null,
      ...overrides,
    };
    this.deployments[id] = deployment;
    return deployment;
  }

  /** Pins an alias to a model, for one tenant or (without a tenant) globally. */
  alias(
    alias: string,
    model: SnapshotModel,
    tenant?: SnapshotTenant,
    fallbacks: SnapshotModel[] = [],
  ): void {
    const pin = { modelId: model.id, fallbackModelIds: fallbacks.map((fallback) => fallback.id) };
    if (tenant) tenant.aliases[alias] = pin;
    else this.globalAliases[alias] = pin;
  }

  build(version = 1): PolicySnapshot {
    return policySnapshotSchema.parse({
      schemaVersion: snapshotSchemaVersion,
      version,
      generatedAt: new Date().toISOString(),
      tenants: this.tenants,
      apiKeys: this.apiKeys,
      models: this.models,
      aliases: this.globalAliases,
      providerAccounts: this.accounts,
      deployments: this.deployments,
    });
  }
}
