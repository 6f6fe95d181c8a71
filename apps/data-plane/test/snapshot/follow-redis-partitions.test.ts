import { randomBytes } from 'node:crypto';
import {
  hashApiKey,
  publishSnapshotPartitions,
  snapshotRedisKeys,
  splitSnapshot,
  type PolicySnapshot,
  type TenantPartition,
} from '@switchyard/policy';
import { SnapshotBuilder, createTestKeyRing } from '@switchyard/testkit';
import { Redis } from 'ioredis';
import { pino } from 'pino';
import { afterEach, beforeEach, describe, expect, inject, it } from 'vitest';
import { SnapshotHolder } from '../../src/snapshot/snapshot-holder.js';

/** Every change must reach a data plane within a second (issue 5). */
const deadlineMs = 1_000;
const { ring } = createTestKeyRing();

async function until(condition: () => boolean, timeoutMs = deadlineMs): Promise<number> {
  const started = performance.now();
  while (!condition()) {
    if (performance.now() - started > timeoutMs)
      throw new Error(`not observed within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  return performance.now() - started;
}

describe('following snapshot partitions in Redis', () => {
  const url = inject('TEST_REDIS_URL');
  let prefix: string;
  let writer: Redis;
  let redis: Redis;
  let subscriber: Redis;
  let holder: SnapshotHolder;
  let snapshot: PolicySnapshot;
  let keys: { a: string; b: string };
  let version: number;

  /** Publishes like the control plane: every partition written carries the publish's version. */
  async function publish(options: {
    base?: boolean;
    tenants?: TenantPartition[];
    texts?: Record<string, string>;
    removed?: string[];
    full?: boolean;
  }) {
    version += 1;
    const split = splitSnapshot(snapshot);
    const tenants = (options.tenants ?? []).map((partition) => ({
      tenantId: partition.tenantId,
      text: options.texts?.[partition.tenantId] ?? JSON.stringify({ ...partition, version }),
    }));
    return publishSnapshotPartitions(writer, prefix, {
      version,
      base: options.base ? JSON.stringify({ ...split.base, version }) : undefined,
      tenants,
      removed: options.removed ?? [],
      full: options.full ?? false,
    });
  }

  const partition = (tenantId: string) =>
    splitSnapshot(snapshot).tenants.find((candidate) => candidate.tenantId === tenantId)!;

  async function follow(): Promise<void> {
    redis = new Redis(url, { lazyConnect: true, enableOfflineQueue: false });
    subscriber = new Redis(url, { lazyConnect: true });
    await Promise.all([redis.connect(), subscriber.connect()]);
    holder = new SnapshotHolder(ring, pino({ level: 'silent' }));
    await holder.followRedis(redis, subscriber, prefix);
  }

  beforeEach(async () => {
    prefix = `${inject('TEST_REDIS_PREFIX')}follow-${randomBytes(4).toString('hex')}:`;
    writer = new Redis(url);
    const builder = new SnapshotBuilder(ring);
    const [a, b] = [builder.tenant({ id: 'tenant-a' }), builder.tenant({ id: 'tenant-b' })];
    keys = { a: builder.apiKey(a).key, b: builder.apiKey(b).key };
    snapshot = builder.build();
    version = 0;
  });

  afterEach(async () => {
    holder?.stopFollowing();
    for (const client of [redis, subscriber, writer]) client?.disconnect();
  });

  it('loads everything from the manifest when started after the publishes', async () => {
    await publish({ base: true, tenants: splitSnapshot(snapshot).tenants, full: true });
    const renamed = partition('tenant-b');
    await publish({ tenants: [{ ...renamed, tenant: { ...renamed.tenant, name: 'Renamed' } }] });
    await follow();
    const current = holder.current!;
    expect(current.version).toBe(2);
    expect(current.keysByHash.get(hashApiKey(keys.a))?.tenant.tenant.id).toBe('tenant-a');
    expect(current.tenants.get('tenant-b')).toMatchObject({ version: 2 });
    expect(current.tenants.get('tenant-b')?.tenant.name).toBe('Renamed');
  });

  it('applies a published tenant change within a second, touching no other tenant', async () => {
    await publish({ base: true, tenants: splitSnapshot(snapshot).tenants, full: true });
    await follow();
    const before = holder.current!;
    const revoked = { ...partition('tenant-a'), apiKeys: {} };
    await publish({ tenants: [revoked] });
    await until(() => holder.current?.keysByHash.get(hashApiKey(keys.a)) === undefined);
    expect(holder.current?.tenants.get('tenant-b')).toBe(before.tenants.get('tenant-b'));
    await publish({ removed: ['tenant-b'] });
    await until(() => holder.current?.tenants.has('tenant-b') === false);
    expect(holder.current?.keysByHash.get(hashApiKey(keys.b))).toBeUndefined();
  });

  it('refuses a corrupt partition and keeps serving the last good one', async () => {
    await publish({ base: true, tenants: splitSnapshot(snapshot).tenants, full: true });
    await follow();
    const good = holder.current!.tenants.get('tenant-a');
    const outcome = await publish({
      tenants: [partition('tenant-a')],
      texts: { 'tenant-a': JSON.stringify({ schemaVersion: 1, tenantId: 'tenant-a' }) },
    });
    expect(outcome.status).toBe('published');
    await until(() => holder.current?.version === 2);
    expect(holder.current?.tenants.get('tenant-a')).toBe(good);
    expect(holder.current?.keysByHash.get(hashApiKey(keys.a))?.tenant).toBe(good);
    // The next good version of the partition applies as usual.
    await publish({ tenants: [partition('tenant-a')] });
    await until(() => holder.current?.tenants.get('tenant-a')?.version === 3);
  });

  it('resyncs from the manifest after missing a change', async () => {
    await publish({ base: true, tenants: splitSnapshot(snapshot).tenants, full: true });
    await follow();
    const channel = snapshotRedisKeys(prefix).manifestChannel;
    await subscriber.unsubscribe(channel);
    await publish({ tenants: [{ ...partition('tenant-a'), apiKeys: {} }] });
    await subscriber.subscribe(channel);
    expect(holder.current?.keysByHash.get(hashApiKey(keys.a))).toBeDefined();
    // The next change names manifest 2 as its predecessor; the holder is at 1, so it resyncs.
    await publish({ tenants: [partition('tenant-b')] });
    await until(() => holder.current?.version === 3);
    expect(holder.current?.keysByHash.get(hashApiKey(keys.a))).toBeUndefined();
    expect(holder.current?.tenants.get('tenant-b')?.version).toBe(3);
  });

  it('catches up after its subscriber reconnects', async () => {
    await publish({ base: true, tenants: splitSnapshot(snapshot).tenants, full: true });
    await follow();
    subscriber.disconnect(true);
    await publish({ tenants: [{ ...partition('tenant-a'), apiKeys: {} }] });
    await until(() => holder.current?.keysByHash.get(hashApiKey(keys.a)) === undefined, 5_000);
  });

  it('starts without a snapshot when the base is corrupt, and loads once a good one is published', async () => {
    version += 1;
    await publishSnapshotPartitions(writer, prefix, {
      version,
      base: '{"schemaVersion":1,"version":1}',
      tenants: [],
      removed: [],
      full: true,
    });
    await follow();
    expect(holder.current).toBeUndefined();
    await publish({ base: true, tenants: splitSnapshot(snapshot).tenants, full: true });
    await until(() => holder.current?.version === 2);
    expect(holder.current?.keysByHash.get(hashApiKey(keys.a))).toBeDefined();
  });

  it('asks for a full publish when the manifest has no base', async () => {
    const outcome = await publish({ tenants: [partition('tenant-a')] });
    expect(outcome).toEqual({ status: 'needs-full' });
    expect(await writer.exists(snapshotRedisKeys(prefix).manifest)).toBe(0);
  });

  it('follows a control plane that still publishes one full snapshot', async () => {
    const legacy = snapshotRedisKeys(prefix);
    await writer.set(legacy.version(7), JSON.stringify({ ...snapshot, version: 7 }));
    await writer.set(legacy.current, '7');
    await follow();
    expect(holder.current?.version).toBe(7);
    expect(holder.current?.keysByHash.get(hashApiKey(keys.b))?.tenant.tenant.id).toBe('tenant-b');
  });
});
