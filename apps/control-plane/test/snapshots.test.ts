import { createPrismaClient, type Database } from '@switchyard/db';
import { hashApiKey, hashSnapshotText, openSecret, parseMasterKeyRing } from '@switchyard/policy';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { unique, upstreamSecret, validPolicyDocument } from './support/factories.js';
import { SnapshotWatcher } from './support/snapshot-watcher.js';
import {
  startTestControlPlane,
  type TestControlPlane,
} from './support/start-test-control-plane.js';
import { createWorld, type World } from './support/world.js';

describe('policy snapshots', () => {
  let controlPlane: TestControlPlane;
  let world: World;
  let watcher: SnapshotWatcher;
  let db: Database;

  beforeAll(async () => {
    controlPlane = await startTestControlPlane();
    watcher = await SnapshotWatcher.start(
      controlPlane.config.redisUrl,
      controlPlane.config.redisPrefix,
    );
    world = await createWorld(controlPlane);
    db = createPrismaClient(inject('TEST_DATABASE_URL'));
  });
  afterAll(async () => {
    await watcher?.close();
    await controlPlane?.close();
    await db?.$disconnect();
  });

  it('publishes a new version with a new key within a second, and drops it on revoke', async () => {
    const since = Date.now();
    const key = await world.factories.apiKey(world.tenantA);
    const hash = hashApiKey(key.secret);
    const published = await watcher.waitFor(since, (snapshot) => hash in snapshot.apiKeys);
    expect(published.receivedAt).toBeLessThan(1_000);
    expect(published.snapshot.apiKeys[hash]?.tenantId).toBe(world.tenantA);
    expect(published.text).not.toContain(key.secret);
    expect(await watcher.current()).toBeGreaterThanOrEqual(published.version);

    const revokedAt = Date.now();
    await world.platform.ok('mutation($id: ID!) { revokeApiKey(id: $id) { id } }', { id: key.id });
    const afterRevoke = await watcher.waitFor(revokedAt, (snapshot) => !(hash in snapshot.apiKeys));
    expect(afterRevoke.receivedAt).toBeLessThan(1_000);
    expect(afterRevoke.version).toBeGreaterThan(published.version);
  });

  it('records every publish in Postgres with the hash of the exact Redis text', async () => {
    const since = Date.now();
    const key = await world.factories.apiKey(world.tenantA);
    const published = await watcher.waitFor(
      since,
      (snapshot) => hashApiKey(key.secret) in snapshot.apiKeys,
    );
    // The row's version is the publish's, which every partition it wrote carries.
    const version = published.change.tenants[world.tenantA];
    const row = await db.snapshotVersion.findUnique({ where: { version } });
    expect(row).toMatchObject({
      hash: hashSnapshotText(published.text),
      sizeBytes: Buffer.byteLength(published.text),
    });
    expect(row?.reason).toContain('api_key.created');
  });

  it('carries upstream keys only sealed, openable with the master key ring', async () => {
    const secret = upstreamSecret();
    const since = Date.now();
    const account = await world.factories.providerAccount(world.tenantA, secret);
    const published = await watcher.waitFor(
      since,
      (snapshot) => account.id in snapshot.providerAccounts,
    );
    expect(published.text).not.toContain(secret);
    const sealed = published.snapshot.providerAccounts[account.id]?.keys[0]?.secret;
    expect(sealed?.keyId).toBe('test-key');
    expect(sealed && openSecret(sealed, parseMasterKeyRing(controlPlane.masterKeys))).toBe(secret);
  });

  it('compiles models with integer nano-USD prices, deployments, merged aliases and the active policy', async () => {
    const account = await world.factories.providerAccount(world.tenantA);
    const deploymentId = await world.factories.deployment(world.tenantA, world.modelId, account.id);
    const globalAlias = unique('global');
    await world.platform.ok(
      'mutation($input: CreateModelAliasInput!) { createModelAlias(input: $input) { id } }',
      {
        input: { alias: globalAlias, modelId: world.modelId },
      },
    );
    const since = Date.now();
    const policyId = await world.factories.routingPolicy(world.tenantA, true);
    const published = await watcher.waitFor(
      since,
      (snapshot) => snapshot.tenants[world.tenantA]?.routingPolicy !== null,
    );
    const { snapshot } = published;
    expect(snapshot.models[world.modelId]?.prices[0]).toMatchObject({
      input: 400_000_000,
      output: 1_600_000_000,
    });
    expect(snapshot.deployments[deploymentId]).toMatchObject({
      modelId: world.modelId,
      providerAccountId: account.id,
    });
    expect(snapshot.aliases[globalAlias]?.modelId).toBe(world.modelId);
    expect(snapshot.tenants[world.tenantA]?.aliases[globalAlias]?.modelId).toBe(world.modelId);
    expect(snapshot.tenants[world.tenantA]?.routingPolicy?.rules.map((rule) => rule.name)).toEqual(
      validPolicyDocument.rules.map((rule) => rule.name),
    );
    expect(snapshot.tenants[world.tenantA]?.routingPolicyVersion).toBe(1);

    const changed = Date.now();
    await world.platform.ok(
      'mutation($id: ID!, $document: JSON) { updateRoutingPolicy(id: $id, input: { document: $document, activate: true }) { id } }',
      {
        id: policyId,
        document: { rules: [{ name: 'only', route: { targets: [{ model: 'x' }] } }] },
      },
    );
    const next = await watcher.waitFor(
      changed,
      (candidate) => candidate.tenants[world.tenantA]?.routingPolicyVersion === 2,
    );
    expect(next.snapshot.tenants[world.tenantA]?.routingPolicy?.rules[0]?.name).toBe('only');
  });

  it('leaves disabled tenants and their keys out', async () => {
    const tenantId = await world.factories.tenant();
    const key = await world.factories.apiKey(tenantId);
    const since = Date.now();
    await world.platform.ok(
      'mutation($id: ID!) { updateTenant(id: $id, input: { disabled: true }) { id } }',
      { id: tenantId },
    );
    const published = await watcher.waitFor(since, (snapshot) => !(tenantId in snapshot.tenants));
    expect(hashApiKey(key.secret) in published.snapshot.apiKeys).toBe(false);
  });

  it('coalesces a burst of changes into fewer versions that include all of them', async () => {
    const since = Date.now();
    const keys = await Promise.all(
      Array.from({ length: 12 }, () => world.factories.apiKey(world.tenantA)),
    );
    const hashes = keys.map((key) => hashApiKey(key.secret));
    await watcher.waitFor(since, (snapshot) => hashes.every((hash) => hash in snapshot.apiKeys));
    const versionsDuringBurst = watcher.versions.filter(
      (entry) => entry.receivedAt >= since,
    ).length;
    expect(versionsDuringBurst).toBeLessThan(keys.length);
  });
});
