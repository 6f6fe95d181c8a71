import { createPrismaClient, type Database } from '@switchyard/db';
import { hashApiKey, snapshotRedisKeys } from '@switchyard/policy';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { SnapshotWatcher } from './support/snapshot-watcher.js';
import {
  startDataPlaneProcess,
  type DataPlaneProcess,
} from './support/start-data-plane-process.js';
import {
  startTestControlPlane,
  type TestControlPlane,
} from './support/start-test-control-plane.js';
import { createWorld, type World } from './support/world.js';

/** Keys are revocable in under a second (issue 5). */
const revocationDeadlineMs = 1_000;

describe('snapshot partitions', () => {
  let controlPlane: TestControlPlane;
  let world: World;
  let watcher: SnapshotWatcher;
  let db: Database;
  let redis: Redis;

  beforeAll(async () => {
    controlPlane = await startTestControlPlane();
    watcher = await SnapshotWatcher.start(
      controlPlane.config.redisUrl,
      controlPlane.config.redisPrefix,
    );
    world = await createWorld(controlPlane);
    db = createPrismaClient(inject('TEST_DATABASE_URL'));
    redis = new Redis(controlPlane.config.redisUrl);
  });
  afterAll(async () => {
    redis?.disconnect();
    await watcher?.close();
    await controlPlane?.close();
    await db?.$disconnect();
  });

  it("publishes only the changed tenant's partition for a tenant change", async () => {
    const since = Date.now();
    const key = await world.factories.apiKey(world.tenantB);
    const published = await watcher.waitFor(
      since,
      (snapshot) => hashApiKey(key.secret) in snapshot.apiKeys,
    );
    expect(published.change.base).toBeUndefined();
    expect(Object.keys(published.change.tenants)).toEqual([world.tenantB]);
    expect(published.change.removed).toEqual([]);
    const version = published.change.tenants[world.tenantB];
    const row = await db.snapshotVersion.findUnique({ where: { version } });
    expect(row?.reason).toBe(`api_key.created [tenant ${world.tenantB}]`);
    expect(row?.sizeBytes).toBe(Buffer.byteLength(published.text));
  });

  it('publishes only the base for a catalog change', async () => {
    const since = Date.now();
    const modelId = await world.factories.model();
    const published = await watcher.waitFor(since, (snapshot) => modelId in snapshot.models);
    expect(published.change.base).toBeGreaterThan(0);
    expect(published.change.tenants).toEqual({});
  });

  it('announces a disabled tenant as removed', async () => {
    const tenantId = await world.factories.tenant();
    const since = Date.now();
    await world.platform.ok(
      'mutation($id: ID!) { updateTenant(id: $id, input: { disabled: true }) { id } }',
      { id: tenantId },
    );
    const published = await watcher.waitFor(since, (snapshot) => !(tenantId in snapshot.tenants));
    expect(published.change.removed).toEqual([tenantId]);
  });

  it('publishes everything again when Redis lost the manifest', async () => {
    const keys = snapshotRedisKeys(controlPlane.config.redisPrefix);
    await redis.del(keys.manifest);
    const since = Date.now();
    const key = await world.factories.apiKey(world.tenantA);
    const published = await watcher.waitFor(
      since,
      (snapshot) => hashApiKey(key.secret) in snapshot.apiKeys,
    );
    expect(published.change.base).toBeGreaterThan(0);
    expect(Object.keys(published.change.tenants)).toEqual(
      expect.arrayContaining([world.tenantA, world.tenantB]),
    );
    expect(await redis.hget(keys.manifest, 'base')).toBe(String(published.change.base));
  });
});

describe('a data plane following the partitions', () => {
  let controlPlane: TestControlPlane;
  let world: World;
  let dataPlane: DataPlaneProcess | undefined;

  beforeAll(async () => {
    controlPlane = await startTestControlPlane();
    world = await createWorld(controlPlane);
  });
  afterAll(async () => {
    await dataPlane?.close();
    await controlPlane?.close();
  });

  const modelsWith = (secret: string) =>
    fetch(`${dataPlane!.url}/v1/models`, { headers: { authorization: `Bearer ${secret}` } });

  it('loads everything when started after the publishes, and drops a revoked key within a second', async () => {
    const [first, second] = [
      await world.factories.apiKey(world.tenantA),
      await world.factories.apiKey(world.tenantB),
    ];
    // Started only now: what it serves comes from the manifest, not from messages it saw.
    dataPlane = await startDataPlaneProcess({
      redisUrl: inject('TEST_REDIS_URL'),
      redisPrefix: controlPlane.config.redisPrefix,
      masterKeys: controlPlane.masterKeys,
    });
    const deadline = Date.now() + 5_000;
    while ((await modelsWith(first.secret)).status !== 200 && Date.now() < deadline)
      await new Promise((resolve) => setTimeout(resolve, 50));
    expect((await modelsWith(first.secret)).status).toBe(200);
    expect((await modelsWith(second.secret)).status).toBe(200);

    const revokedAt = performance.now();
    await world.platform.ok('mutation($id: ID!) { revokeApiKey(id: $id) { id } }', {
      id: first.id,
    });
    let status = 200;
    while (status !== 401 && performance.now() - revokedAt < revocationDeadlineMs) {
      status = (await modelsWith(first.secret)).status;
      if (status !== 401) await new Promise((resolve) => setTimeout(resolve, 20));
    }
    expect(status, dataPlane.output()).toBe(401);
    expect(performance.now() - revokedAt).toBeLessThan(revocationDeadlineMs);
    expect((await modelsWith(second.secret)).status).toBe(200);
  });
});
