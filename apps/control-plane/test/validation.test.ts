import { createPrismaClient, type Database } from '@switchyard/db';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { countRows } from './support/count-rows.js';
import {
  startTestControlPlane,
  type TestControlPlane,
} from './support/start-test-control-plane.js';
import { validationCases } from './support/validation-cases.js';
import { createWorld, type World } from './support/world.js';

describe('validation: bad input is refused clearly and nothing is half-written', () => {
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

  it('has at least one bad-input case for every mutation', async () => {
    const data = await world.platform.ok<{
      __schema: { mutationType: { fields: Array<{ name: string }> } };
    }>('{ __schema { mutationType { fields { name } } } }');
    const covered = new Set(validationCases.map((validationCase) => validationCase.operation));
    const uncovered = data.__schema.mutationType.fields
      .map((field) => field.name)
      .filter((name) => !covered.has(name));
    expect(uncovered).toEqual([]);
  });

  it.each(validationCases)('$operation refuses $why', async (validationCase) => {
    const variables = await validationCase.variables(world);
    const before = await countRows(db);
    const result = await world.platform.request(validationCase.document, variables);
    const error = result.errors?.[0];
    expect(result.errors, result.text).toHaveLength(1);
    expect(error?.extensions?.code, result.text).toBe(validationCase.code);
    if (validationCase.field) {
      expect(error?.extensions?.field, result.text).toBe(validationCase.field);
      expect(error?.message).toContain(validationCase.field);
    }
    expect(error?.message.length).toBeGreaterThan(20);
    expect(await countRows(db)).toEqual(before);
  });

  it('refuses bad page arguments', async () => {
    const tooMany = await world.platform.request('{ tenants(first: 1000) { nodes { id } } }');
    expect(tooMany.errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'first',
    });
    const badCursor = await world.platform.request(
      '{ tenants(after: "garbage") { nodes { id } } }',
    );
    expect(badCursor.errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'after',
    });
  });

  it('reports GraphQL type errors with a code', async () => {
    const wrongType = await world.platform.request(
      'mutation($input: CreateTenantInput!) { createTenant(input: $input) { id } }',
      {
        input: { name: 'x' },
      },
    );
    expect(wrongType.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    const unknownField = await world.platform.request('{ tenants { nodes { nonsense } } }');
    expect(unknownField.errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
  });

  it('pages through a list with cursors', async () => {
    const seen: string[] = [];
    let after: string | null = null;
    for (let page = 0; page < 50; page += 1) {
      const data: {
        tenants: {
          nodes: Array<{ id: string }>;
          pageInfo: { endCursor: string | null; hasNextPage: boolean };
        };
      } = await world.platform.ok(
        'query($after: String) { tenants(first: 1, after: $after) { nodes { id } pageInfo { endCursor hasNextPage } } }',
        {
          after,
        },
      );
      seen.push(...data.tenants.nodes.map((node) => node.id));
      if (!data.tenants.pageInfo.hasNextPage) break;
      after = data.tenants.pageInfo.endCursor;
    }
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen).toEqual(expect.arrayContaining([world.tenantA, world.tenantB]));
  });
});
