import {
  hashApiKey,
  splitSnapshot,
  type PolicySnapshot,
  type TenantPartition,
} from '@switchyard/policy';
import { SnapshotBuilder, createTestKeyRing } from '@switchyard/testkit';
import { pino } from 'pino';
import { beforeEach, describe, expect, it } from 'vitest';
import { SnapshotHolder } from './snapshot-holder.js';

const { ring } = createTestKeyRing();
const logger = pino({ level: 'silent' });

interface World {
  snapshot: PolicySnapshot;
  keys: Record<'a' | 'b' | 'c', string>;
  tenantIds: Record<'a' | 'b' | 'c', string>;
  modelId: string;
}

/** Three tenants; b has a deployment of its own next to the shared one. */
function buildWorld(): World {
  const builder = new SnapshotBuilder(ring);
  const [a, b, c] = [builder.tenant(), builder.tenant(), builder.tenant()];
  const model = builder.model({ canonicalId: 'm-2025', providerType: 'openai' });
  const shared = builder.providerAccount({
    providerType: 'openai',
    baseUrl: 'https://api.openai.com/v1',
    keys: ['sk-shared'],
  });
  builder.deployment(model, shared, { name: 'shared' });
  const own = builder.providerAccount({
    providerType: 'openai',
    baseUrl: 'https://b.example/v1',
    keys: ['sk-b'],
    tenantId: b.id,
  });
  builder.deployment(model, own, { name: 'b-own', tenantId: b.id });
  const keys = {
    a: builder.apiKey(a).key,
    b: builder.apiKey(b).key,
    c: builder.apiKey(c).key,
  };
  return {
    snapshot: builder.build(5),
    keys,
    tenantIds: { a: a.id, b: b.id, c: c.id },
    modelId: model.id,
  };
}

function partitionOf(world: World, tenantId: string): TenantPartition {
  const partition = splitSnapshot(world.snapshot).tenants.find(
    (candidate) => candidate.tenantId === tenantId,
  );
  if (!partition) throw new Error(`no partition for ${tenantId}`);
  return partition;
}

function fetched(partition: TenantPartition, version: number) {
  return {
    tenantId: partition.tenantId,
    version,
    text: JSON.stringify({ ...partition, version }),
  };
}

describe('SnapshotHolder partition updates', () => {
  let world: World;
  let holder: SnapshotHolder;

  beforeEach(() => {
    world = buildWorld();
    holder = new SnapshotHolder(ring, logger);
    expect(holder.install(world.snapshot)).toBe(true);
  });

  it('applies a tenant change without touching other tenants', () => {
    const before = holder.current!;
    const { a, b, c } = world.tenantIds;
    const revoked = hashApiKey(world.keys.a);
    const partition = partitionOf(world, a);
    const { [revoked]: _revoked, ...remaining } = partition.apiKeys;
    const newKey = 'f'.repeat(64);
    const apiKeys = { ...remaining, [newKey]: { ...partition.apiKeys[revoked]!, id: 'key-new' } };

    holder.applyPartitions({
      manifestVersion: 6,
      tenants: [fetched({ ...partition, apiKeys }, 6)],
      removed: [],
    });

    const after = holder.current!;
    expect(after.version).toBe(6);
    expect(after.keysByHash.get(revoked)).toBeUndefined();
    expect(after.keysByHash.get(newKey)?.tenant.tenant.id).toBe(a);
    expect(after.tenants.get(a)?.version).toBe(6);
    // Every other tenant's compiled tables are the very same objects…
    for (const other of [b, c]) {
      expect(after.tenants.get(other)).toBe(before.tenants.get(other));
      expect(after.tenants.get(other)?.keys).toBe(before.tenants.get(other)?.keys);
    }
    expect(after.keysByHash.get(hashApiKey(world.keys.b))).toBe(
      before.keysByHash.get(hashApiKey(world.keys.b)),
    );
    expect(after.base).toBe(before.base);
    expect(after.deployments).toBe(before.deployments);
    // …and the state requests still hold is unchanged (copy on write).
    expect(before.keysByHash.get(revoked)?.key.tenantId).toBe(a);
    expect(before.keysByHash.get(newKey)).toBeUndefined();
  });

  it('routes each tenant over shared deployments and its own, never another tenant’s', () => {
    const { a, b } = world.tenantIds;
    const snapshot = holder.current!;
    const names = (tenantId: string) =>
      snapshot.tenants
        .get(tenantId)
        ?.deploymentsByModel.get(world.modelId)
        ?.map((deployment) => deployment.name);
    expect(names(a)).toEqual(['shared']);
    expect(names(b)).toEqual(['shared', 'b-own']);
    expect([...snapshot.deployments.values()].map((deployment) => deployment.name)).toEqual([
      'shared',
      'b-own',
    ]);
  });

  it('removes a tenant with its keys and deployments', () => {
    const { b } = world.tenantIds;
    holder.applyPartitions({ manifestVersion: 6, tenants: [], removed: [b] });
    const after = holder.current!;
    expect(after.tenants.has(b)).toBe(false);
    expect(after.keysByHash.get(hashApiKey(world.keys.b))).toBeUndefined();
    expect([...after.deployments.values()].map((deployment) => deployment.name)).toEqual([
      'shared',
    ]);
    expect(after.keysByHash.size).toBe(2);
  });

  it('recompiles every tenant against a new base', () => {
    const { base } = splitSnapshot(world.snapshot);
    const model = base.models[world.modelId]!;
    const repriced = {
      ...base,
      version: 6,
      models: { [model.id]: { ...model, prices: [{ ...model.prices[0]!, input: 7 }] } },
    };
    holder.applyPartitions({
      manifestVersion: 6,
      base: { version: 6, text: JSON.stringify(repriced) },
      tenants: [],
      removed: [],
    });
    const after = holder.current!;
    const caller = after.keysByHash.get(hashApiKey(world.keys.a));
    expect(after.base.version).toBe(6);
    expect(caller?.tenant.deploymentsByModel.get(world.modelId)?.[0]?.model.prices[0]?.input).toBe(
      7,
    );
  });

  it('refuses a corrupt or foreign partition and keeps serving the last good one', () => {
    const before = holder.current!;
    const { a, b, c } = world.tenantIds;
    const partitionB = partitionOf(world, b);
    // c's body claims b's key: a partition may only carry its own tenant's rows.
    const stolen = { ...partitionOf(world, c), apiKeys: partitionB.apiKeys };
    const renamedB = { ...partitionB, tenant: { ...partitionB.tenant, name: 'Renamed' } };
    holder.applyPartitions({
      manifestVersion: 6,
      base: { version: 6, text: '{"schemaVersion":1' },
      tenants: [{ tenantId: a, version: 6, text: null }, fetched(stolen, 6), fetched(renamedB, 6)],
      removed: [],
    });
    const after = holder.current!;
    expect(after.base).toBe(before.base);
    expect(after.tenants.get(a)).toBe(before.tenants.get(a));
    expect(after.tenants.get(c)).toBe(before.tenants.get(c));
    expect(after.tenants.get(b)?.tenant.name).toBe('Renamed');
    expect(after.keysByHash.get(hashApiKey(world.keys.a))?.tenant.tenant.id).toBe(a);
    expect(after.keysByHash.get(hashApiKey(world.keys.b))?.tenant.tenant.id).toBe(b);
  });

  it('installs nothing from partitions until a valid base arrives', () => {
    const fresh = new SnapshotHolder(ring, logger);
    const partition = partitionOf(world, world.tenantIds.a);
    expect(
      fresh.applyPartitions({ manifestVersion: 1, tenants: [fetched(partition, 1)], removed: [] }),
    ).toBe(false);
    expect(fresh.current).toBeUndefined();
  });
});

describe('SnapshotHolder file mode', () => {
  it('keeps the file’s order between deployments of equal weight', () => {
    const builder = new SnapshotBuilder(ring);
    builder.tenant();
    const model = builder.model({ canonicalId: 'm-2025', providerType: 'openai' });
    const account = builder.providerAccount({
      providerType: 'openai',
      baseUrl: 'https://api.openai.com/v1',
      keys: ['sk'],
    });
    // Ids sort differently from insertion ("deployment_10" < "deployment_9").
    for (let index = 0; index < 12; index += 1)
      builder.deployment(model, account, { name: `d${index}` });
    const holder = new SnapshotHolder(ring, logger);
    expect(holder.install(builder.build())).toBe(true);
    const [tenant] = holder.current!.tenants.values();
    expect(tenant?.deploymentsByModel.get(model.id)?.map((deployment) => deployment.name)).toEqual(
      Array.from({ length: 12 }, (_, index) => `d${index}`),
    );
  });

  it('refuses an older full snapshot', () => {
    const world = buildWorld();
    const holder = new SnapshotHolder(ring, logger);
    expect(holder.install(world.snapshot)).toBe(true);
    expect(holder.install({ ...world.snapshot, version: 4 })).toBe(false);
    expect(holder.current?.version).toBe(5);
  });
});
