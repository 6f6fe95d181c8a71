import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GraphqlClient } from './support/graphql-client.js';
import { roleCases, type RoleCase } from './support/role-cases.js';
import {
  startTestControlPlane,
  type TestControlPlane,
} from './support/start-test-control-plane.js';
import { createWorld, type World } from './support/world.js';

type Caller = 'platform' | 'tenantAdminOwn' | 'tenantAdminOther' | 'financeOwn' | 'financeOther';
type Outcome = 'OK' | 'FORBIDDEN' | 'NOT_FOUND';

/** The access rules of role-cases.ts, spelled out per caller. */
function expected(roleCase: RoleCase, caller: Caller): Outcome {
  const { access, kind } = roleCase;
  const targetsOtherTenant = caller === 'tenantAdminOther' || caller === 'financeOther';
  // Operations without tenant-specific variables (lists, catalog reads) ignore the tenant.
  const scoped = access === 'tenant' || (access === 'admins' && roleCase.document.includes('$id'));
  if (caller === 'platform') return 'OK';
  if (access === 'platform') return 'FORBIDDEN';
  if (caller.startsWith('finance')) {
    if (kind === 'mutation' || access === 'admins') return 'FORBIDDEN';
  }
  if (access === 'catalog') return 'OK';
  return targetsOtherTenant && scoped ? 'NOT_FOUND' : 'OK';
}

describe('roles: every operation, every role', () => {
  let controlPlane: TestControlPlane;
  let world: World;

  beforeAll(async () => {
    controlPlane = await startTestControlPlane();
    world = await createWorld(controlPlane);
  });
  afterAll(async () => {
    await controlPlane?.close();
  });

  it('has a role case for every query and mutation in the schema', async () => {
    const data = await world.platform.ok<{
      __schema: {
        queryType: { fields: Array<{ name: string }> };
        mutationType: { fields: Array<{ name: string }> };
      };
    }>('{ __schema { queryType { fields { name } } mutationType { fields { name } } } }');
    const schemaOperations = [
      ...data.__schema.queryType.fields,
      ...data.__schema.mutationType.fields,
    ].map((field) => field.name);
    expect(roleCases.map((roleCase) => roleCase.operation).sort()).toEqual(schemaOperations.sort());
  });

  it('rejects every operation without a valid token', async () => {
    const anonymous = world.platform.withToken(undefined);
    const wrongToken = world.platform.withToken('sya_not-a-real-token');
    for (const roleCase of roleCases) {
      const variables = await roleCase.prepare(world, world.tenantA);
      expect(await anonymous.errorCode(roleCase.document, variables), roleCase.operation).toBe(
        'UNAUTHENTICATED',
      );
      expect(await wrongToken.errorCode(roleCase.document, variables), roleCase.operation).toBe(
        'UNAUTHENTICATED',
      );
    }
  });

  const callers: Caller[] = [
    'platform',
    'tenantAdminOwn',
    'tenantAdminOther',
    'financeOwn',
    'financeOther',
  ];
  describe.each(roleCases)('$operation', (roleCase) => {
    it.each(callers)('as %s', async (caller) => {
      const client: GraphqlClient =
        caller === 'platform'
          ? world.platform
          : caller.startsWith('tenantAdmin')
            ? world.tenantAdmin
            : world.finance;
      const tenantId = caller.endsWith('Other') ? world.tenantB : world.tenantA;
      const variables = await roleCase.prepare(world, tenantId);
      const result = await client.request(roleCase.document, variables);
      const outcome = expected(roleCase, caller);
      if (outcome === 'OK') {
        expect(result.errors, JSON.stringify(result.errors)).toBeUndefined();
      } else {
        expect(result.errors?.[0]?.extensions?.code, JSON.stringify(result.errors)).toBe(outcome);
        expect(result.errors?.[0]?.message.length).toBeGreaterThan(10);
      }
    });
  });

  it('never lists another tenant’s rows to a tenant admin or tenant finance principal', async () => {
    await world.factories.apiKey(world.tenantB);
    await world.factories.budget(world.tenantB);
    await world.factories.alias(world.tenantB, world.modelId);
    const lists = [
      'tenants { nodes { id } }',
      'apiKeys { nodes { tenantId } }',
      'budgets { nodes { tenantId } }',
      'modelAliases { nodes { tenantId } }',
      'providerAccounts { nodes { tenantId } }',
      'deployments { nodes { tenantId } }',
      'routingPolicies { nodes { tenantId } }',
      'rateLimits { nodes { tenantId } }',
    ];
    for (const client of [world.tenantAdmin, world.finance]) {
      for (const list of lists) {
        const text = (await client.request(`{ ${list} }`)).text;
        expect(text, list).not.toContain(world.tenantB);
      }
    }
    const platformKeys = await world.platform.request(
      '{ apiKeys(first: 100) { nodes { tenantId } } }',
    );
    expect(platformKeys.text).toContain(world.tenantB);
  });

  it('does not let a tenant admin attach another tenant’s key to its rate limit', async () => {
    const otherKey = await world.factories.apiKey(world.tenantB);
    const code = await world.tenantAdmin.errorCode(
      'mutation($input: CreateRateLimitInput!) { createRateLimit(input: $input) { id } }',
      { input: { apiKeyId: otherKey.id, requestsPerMinute: 1 } },
    );
    expect(code).toBe('NOT_FOUND');
  });

  it('lets tenant admins create only in their own tenant and not global rows', async () => {
    const own = await world.tenantAdmin.ok<{ createApiKey: { apiKey: { tenantId: string } } }>(
      'mutation { createApiKey(input: { name: "defaulted" }) { apiKey { tenantId } } }',
    );
    expect(own.createApiKey.apiKey.tenantId).toBe(world.tenantA);
    const account = await world.factories.providerAccount(null);
    const code = await world.tenantAdmin.errorCode(
      'mutation($id: ID!) { updateProviderAccount(id: $id, input: { region: "x" }) { id } }',
      {
        id: account.id,
      },
    );
    expect(code).toBe('FORBIDDEN');
    const disable = await world.tenantAdmin.errorCode(
      'mutation($id: ID!) { updateTenant(id: $id, input: { disabled: true }) { id } }',
      {
        id: world.tenantA,
      },
    );
    expect(disable).toBe('FORBIDDEN');
  });
});
