import { hashApiKey } from '@switchyard/policy';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { SnapshotWatcher } from './support/snapshot-watcher.js';
import {
  startTestControlPlane,
  type TestControlPlane,
} from './support/start-test-control-plane.js';
import { TcpProxy } from './support/tcp-proxy.js';
import { createWorld, type World } from './support/world.js';

describe('when Redis is briefly unreachable', () => {
  let proxy: TcpProxy;
  let controlPlane: TestControlPlane;
  let watcher: SnapshotWatcher;
  let world: World;

  beforeAll(async () => {
    const redis = new URL(inject('TEST_REDIS_URL'));
    proxy = new TcpProxy({ host: redis.hostname, port: Number(redis.port || 6379) });
    await proxy.start();
    controlPlane = await startTestControlPlane({ REDIS_URL: `redis://127.0.0.1:${proxy.port}` });
    watcher = await SnapshotWatcher.start(
      inject('TEST_REDIS_URL'),
      controlPlane.config.redisPrefix,
    );
    world = await createWorld(controlPlane);
  });
  afterAll(async () => {
    await watcher?.close();
    await controlPlane?.close();
    await proxy?.stop();
  });

  it('keeps accepting changes, reports not ready, and publishes them once Redis is back', async () => {
    await proxy.stop();
    const key = await world.factories.apiKey(world.tenantA);
    const ready = await fetch(`${controlPlane.url}/readyz`);
    expect(ready.status).toBe(503);
    expect(await ready.json()).toMatchObject({ postgres: 'up', redis: 'down' });

    const since = Date.now();
    await proxy.start();
    const published = await watcher.waitFor(
      since,
      (snapshot) => hashApiKey(key.secret) in snapshot.apiKeys,
      15_000,
    );
    expect(published.snapshot.apiKeys[hashApiKey(key.secret)]?.id).toBe(key.id);
    expect((await fetch(`${controlPlane.url}/readyz`)).status).toBe(200);
  });
});
