import { describe, expect, it } from 'vitest';
import { assembleSnapshot, splitSnapshot } from './assemble-snapshot.js';
import {
  basePartitionSchema,
  snapshotChangeSchema,
  tenantPartitionSchema,
} from './snapshot-partitions.js';
import { policySnapshotSchema, snapshotSchemaVersion } from './snapshot-schema.js';

const generatedAt = '2025-01-01T00:00:00.000Z';
const hashA = 'a'.repeat(64);
const hashB = 'b'.repeat(64);
const sealed = { keyId: 'k', iv: 'iv', tag: 'tag', ciphertext: 'c' };

function account(id: string, tenantId: string | null) {
  return {
    id,
    tenantId,
    name: id,
    providerType: 'openai',
    baseUrl: 'https://api.openai.com/v1',
    keys: [{ id: `${id}-key`, secret: sealed }],
  };
}

function deployment(id: string, tenantId: string | null, providerAccountId: string) {
  return { id, tenantId, name: id, modelId: 'm1', providerAccountId };
}

const fullSnapshot = policySnapshotSchema.parse({
  schemaVersion: snapshotSchemaVersion,
  version: 7,
  generatedAt,
  tenants: {
    t1: { id: 't1', name: 'One', slug: 'one', aliases: { mine: { modelId: 'm1' } } },
    t2: { id: 't2', name: 'Two', slug: 'two' },
  },
  apiKeys: {
    [hashA]: { id: 'k1', tenantId: 't1', prefix: 'sy-a' },
    [hashB]: { id: 'k2', tenantId: 'gone', prefix: 'sy-b' },
  },
  models: {
    m1: {
      id: 'm1',
      canonicalId: 'm1-2025',
      providerType: 'openai',
      providerModelId: 'm1',
      contextWindow: 1000,
      capabilities: [],
      prices: [],
    },
  },
  aliases: { global: { modelId: 'm1' } },
  providerAccounts: { shared: account('shared', null), own: account('own', 't1') },
  deployments: {
    d1: deployment('d1', null, 'shared'),
    d2: deployment('d2', 't1', 'own'),
    d3: deployment('d3', 't1', 'shared'),
  },
});

describe('splitSnapshot', () => {
  it('puts shared rows in the base and each tenant’s rows in its partition, all valid', () => {
    const { base, tenants, orphans } = splitSnapshot(fullSnapshot);
    expect(basePartitionSchema.parse(base)).toEqual(base);
    expect(Object.keys(base.providerAccounts)).toEqual(['shared']);
    expect(Object.keys(base.deployments)).toEqual(['d1']);
    const [one, two] = tenants.map((partition) => tenantPartitionSchema.parse(partition));
    expect(one).toMatchObject({ tenantId: 't1', version: 7 });
    expect(Object.keys(one!.apiKeys)).toEqual([hashA]);
    expect(Object.keys(one!.deployments)).toEqual(['d2', 'd3']);
    expect(Object.keys(two!.apiKeys)).toEqual([]);
    expect(orphans).toEqual(['api key k2 names unknown tenant gone']);
  });

  it('round-trips through assembleSnapshot (minus orphans), merging global aliases into tenants', () => {
    const { base, tenants } = splitSnapshot(fullSnapshot);
    const assembled = policySnapshotSchema.parse(assembleSnapshot(base, tenants, 7));
    const { [hashB]: _orphan, ...keysWithTenants } = fullSnapshot.apiKeys;
    expect(assembled.apiKeys).toEqual(keysWithTenants);
    expect(assembled.deployments).toEqual(fullSnapshot.deployments);
    expect(assembled.providerAccounts).toEqual(fullSnapshot.providerAccounts);
    expect(Object.keys(assembled.tenants.t1!.aliases).sort()).toEqual(['global', 'mine']);
  });
});

describe('partition schemas', () => {
  it('refuse a tenant partition carrying another tenant’s key or deployment', () => {
    const { tenants } = splitSnapshot(fullSnapshot);
    const one = tenants[0]!;
    const stolenKey = {
      ...one,
      apiKeys: { [hashB]: { ...one.apiKeys[hashA]!, tenantId: 't2' } },
    };
    expect(tenantPartitionSchema.safeParse(stolenKey).success).toBe(false);
    const sharedDeployment = {
      ...one,
      deployments: { d9: deployment('d9', null, 'shared') },
    };
    expect(tenantPartitionSchema.safeParse(sharedDeployment).success).toBe(false);
    expect(tenantPartitionSchema.safeParse({ ...one, tenantId: 't2' }).success).toBe(false);
  });

  it('refuse a base partition carrying a tenant’s account', () => {
    const { base } = splitSnapshot(fullSnapshot);
    const leaky = { ...base, providerAccounts: { own: account('own', 't1') } };
    expect(basePartitionSchema.safeParse(leaky).success).toBe(false);
  });

  it('parse a change message with defaults for what did not change', () => {
    expect(snapshotChangeSchema.parse({ manifest: 3, previous: 2, base: 3 })).toEqual({
      manifest: 3,
      previous: 2,
      base: 3,
      tenants: {},
      removed: [],
    });
  });
});
