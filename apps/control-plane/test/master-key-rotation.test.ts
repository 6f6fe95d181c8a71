import { randomBytes } from 'node:crypto';
import { openSecret, parseMasterKeyRing } from '@switchyard/policy';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Factories, upstreamSecret } from './support/factories.js';
import { createFreshDatabase, type FreshDatabase } from './support/fresh-database.js';
import { GraphqlClient } from './support/graphql-client.js';
import { SnapshotWatcher } from './support/snapshot-watcher.js';
import { startTestControlPlane } from './support/start-test-control-plane.js';

const reseal =
  'mutation { resealSecrets(batchSize: 1) { currentKeyId upstreamKeys alertChannels remaining } }';

describe('master-key rotation', () => {
  let database: FreshDatabase;
  const oldKey = `old:${randomBytes(32).toString('base64')}`;
  const newKey = `new:${randomBytes(32).toString('base64')}`;

  beforeAll(async () => {
    database = await createFreshDatabase('rotation');
  });
  afterAll(async () => {
    await database?.drop();
  });

  it('re-seals every stored secret with the new key in batches, then works without the old key', async () => {
    const secret = upstreamSecret();
    const before = await startTestControlPlane({
      DATABASE_URL: database.url,
      SWITCHYARD_MASTER_KEYS: oldKey,
    });
    const factories = new Factories(new GraphqlClient(before.url, before.adminToken));
    const tenantId = await factories.tenant();
    const account = await factories.providerAccount(tenantId, secret);
    await factories.alertChannel(tenantId);
    await before.close();

    const during = await startTestControlPlane({
      DATABASE_URL: database.url,
      SWITCHYARD_MASTER_KEYS: `${newKey},${oldKey}`,
      SWITCHYARD_ADMIN_TOKEN: before.adminToken,
    });
    const client = new GraphqlClient(during.url, during.adminToken);
    const watcher = await SnapshotWatcher.start(during.config.redisUrl, during.config.redisPrefix);
    const since = Date.now();
    const first = await client.ok<{ resealSecrets: Record<string, unknown> }>(reseal);
    expect(first.resealSecrets).toEqual({
      currentKeyId: 'new',
      upstreamKeys: 1,
      alertChannels: 1,
      remaining: 0,
    });
    const published = await watcher.waitFor(
      since,
      (snapshot) => snapshot.providerAccounts[account.id]?.keys[0]?.secret.keyId === 'new',
    );
    const sealed = published.snapshot.providerAccounts[account.id]?.keys[0]?.secret;
    expect(sealed && openSecret(sealed, parseMasterKeyRing(newKey))).toBe(secret);
    await watcher.close();
    await during.close();

    const after = await startTestControlPlane({
      DATABASE_URL: database.url,
      SWITCHYARD_MASTER_KEYS: newKey,
      SWITCHYARD_ADMIN_TOKEN: before.adminToken,
    });
    const finalClient = new GraphqlClient(after.url, after.adminToken);
    expect(
      (await finalClient.ok<{ resealSecrets: { remaining: number } }>(reseal)).resealSecrets
        .remaining,
    ).toBe(0);
    await after.close();
  });

  it('refuses to re-seal when a secret’s key is missing from the ring, naming the key', async () => {
    const lost = await startTestControlPlane({
      DATABASE_URL: database.url,
      SWITCHYARD_MASTER_KEYS: `other:${randomBytes(32).toString('base64')}`,
    });
    const client = new GraphqlClient(lost.url, lost.adminToken);
    const result = await client.request(reseal);
    expect(result.errors?.[0]?.extensions?.code).toBe('CONFLICT');
    expect(result.errors?.[0]?.message).toContain("'new'");
    await lost.close();
  });
});
