import { createPrismaClient, type Database } from '@switchyard/db';
import { hashApiKey } from '@switchyard/policy';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { upstreamSecret } from './support/factories.js';
import {
  startTestControlPlane,
  type TestControlPlane,
} from './support/start-test-control-plane.js';
import { createWorld, type World } from './support/world.js';

const everyList = `{
  apiKeys(first: 100, filter: { includeInactive: true }) { nodes { id tenantId name prefix scopes metadata expiresAt revokedAt lastUsedAt } }
  providerAccounts(first: 100) { nodes { id baseUrl options upstreamKeys { id hint keyId weight } } }
  alertChannels(first: 100) { nodes { id urlHint signingSecretKeyId } }
  adminPrincipals(first: 100) { nodes { id tokens { id prefix } } }
  auditLog(first: 100) { nodes { action before after } }
  me { id tokens { prefix } }
}`;

describe('secrets never leave the API; every change is audited', () => {
  let controlPlane: TestControlPlane;
  let world: World;
  let db: Database;

  beforeAll(async () => {
    controlPlane = await startTestControlPlane();
    world = await createWorld(controlPlane);
    db = createPrismaClient(inject('TEST_DATABASE_URL'));
  });
  afterAll(async () => {
    await controlPlane?.close();
    await db?.$disconnect();
  });

  it('never returns upstream secrets, signing secrets, key hashes or ciphertext', async () => {
    const secret = upstreamSecret();
    const account = await world.factories.providerAccount(world.tenantA, secret);
    const replacement = upstreamSecret();
    await world.platform.ok(
      'mutation($id: ID!, $s: String) { updateUpstreamKey(id: $id, input: { secret: $s }) { id } }',
      {
        id: account.keyId,
        s: replacement,
      },
    );
    const signingSecret = 'whsec-very-secret-signing-value-42';
    await world.platform.ok(
      'mutation($input: CreateAlertChannelInput!) { createAlertChannel(input: $input) { id } }',
      {
        input: {
          tenantId: world.tenantA,
          name: 'ops',
          url: 'http://127.0.0.1:9/hooks/T000/B000/XXXX',
          signingSecret,
        },
      },
    );
    const key = await world.factories.apiKey(world.tenantA);
    const rotated = await world.platform.ok<{ rotateApiKey: { secret: string } }>(
      'mutation($id: ID!) { rotateApiKey(id: $id) { secret } }',
      { id: key.id },
    );
    const stored = await db.upstreamKey.findUniqueOrThrow({ where: { id: account.keyId } });
    const channel = await db.alertChannel.findFirstOrThrow({
      where: { tenantId: world.tenantA, name: 'ops' },
    });

    const text = (await world.platform.request(everyList)).text;
    for (const forbidden of [
      secret,
      replacement,
      signingSecret,
      key.secret,
      rotated.rotateApiKey.secret,
      hashApiKey(key.secret),
      hashApiKey(rotated.rotateApiKey.secret),
      JSON.parse(stored.ciphertext).ciphertext,
      JSON.parse(channel.signingSecretCiphertext).ciphertext,
      'XXXX',
      controlPlane.adminToken,
    ]) {
      expect(text).not.toContain(forbidden);
    }
    expect(text).toContain(replacement.slice(-4));
    expect(stored.ciphertext).not.toContain(replacement);
  });

  it('writes one audit row per change with a secret-free diff, in the same transaction', async () => {
    const key = await world.factories.apiKey(world.tenantA);
    await world.platform.ok(
      'mutation($id: ID!) { updateApiKey(id: $id, input: { name: "renamed", scopes: ["chat"] }) { id } }',
      { id: key.id },
    );
    const rows = await db.auditLog.findMany({
      where: { entityId: key.id },
      orderBy: { createdAt: 'asc' },
    });
    expect(rows.map((row) => row.action)).toEqual(['api_key.created', 'api_key.updated']);
    const [created, updated] = rows;
    expect(created?.tenantId).toBe(world.tenantA);
    expect(created?.actorLabel).toBe('Bootstrap platform admin');
    expect(created?.after).toMatchObject({ id: key.id, tenantId: world.tenantA });
    expect(JSON.stringify(created)).not.toContain(hashApiKey(key.secret));
    expect(JSON.stringify(created)).not.toContain('keyHash');
    expect(updated?.before).toEqual({ name: expect.any(String), scopes: [] });
    expect(updated?.after).toEqual({ name: 'renamed', scopes: ['chat'] });
  });

  it('keeps sealed blobs and hints of replaced secrets out of audit rows', async () => {
    const secret = upstreamSecret();
    const account = await world.factories.providerAccount(world.tenantA, secret);
    const rows = await db.auditLog.findMany({ where: { entityId: account.id } });
    const text = JSON.stringify(rows);
    expect(text).not.toContain(secret);
    expect(text).not.toContain('ciphertext');
    expect(rows[0]?.action).toBe('provider_account.created');
  });

  it('lets admins query the audit log by tenant, entity and time; tenant admins see only their tenant', async () => {
    const since = new Date(Date.now() - 1000).toISOString();
    const ownKey = await world.factories.apiKey(world.tenantA);
    const otherKey = await world.factories.apiKey(world.tenantB);
    const query =
      'query($f: AuditLogFilter) { auditLog(first: 100, filter: $f) { nodes { entityId action actorLabel tenantId } } }';
    const platform = await world.platform.ok<{ auditLog: { nodes: Array<{ entityId: string }> } }>(
      query,
      {
        f: { entityType: 'api_key', from: since },
      },
    );
    const platformIds = platform.auditLog.nodes.map((node) => node.entityId);
    expect(platformIds).toEqual(expect.arrayContaining([ownKey.id, otherKey.id]));

    const tenant = await world.tenantAdmin.ok<{
      auditLog: { nodes: Array<{ entityId: string; tenantId: string }> };
    }>(query, {
      f: { entityType: 'api_key', from: since },
    });
    expect(tenant.auditLog.nodes.map((node) => node.entityId)).toContain(ownKey.id);
    expect(tenant.auditLog.nodes.every((node) => node.tenantId === world.tenantA)).toBe(true);

    const guessed = await world.tenantAdmin.ok<{ auditLog: { nodes: unknown[] } }>(query, {
      f: { tenantId: world.tenantB },
    });
    expect(guessed.auditLog.nodes).toEqual([]);
    const byEntity = await world.platform.ok<{ auditLog: { nodes: Array<{ action: string }> } }>(
      query,
      { f: { entityId: otherKey.id } },
    );
    expect(byEntity.auditLog.nodes.map((node) => node.action)).toEqual(['api_key.created']);
    const future = await world.platform.ok<{ auditLog: { nodes: unknown[] } }>(query, {
      f: { from: new Date(Date.now() + 60_000).toISOString() },
    });
    expect(future.auditLog.nodes).toEqual([]);
  });

  it('returns a new admin token once, and it works; revoking it locks it out', async () => {
    const principal = await world.factories.principal('FINANCE', world.tenantA);
    const client = world.platform.withToken(principal.token);
    expect((await client.ok<{ me: { role: string } }>('{ me { role } }')).me.role).toBe('FINANCE');
    await world.platform.ok('mutation($id: ID!) { revokeAdminToken(id: $id) { id } }', {
      id: principal.tokenId,
    });
    expect(await client.errorCode('{ me { id } }')).toBe('UNAUTHENTICATED');
    const stored = await db.adminToken.findUniqueOrThrow({ where: { id: principal.tokenId } });
    expect(stored.tokenHash).not.toContain(principal.token);
  });
});
