import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GraphqlClient } from './support/graphql-client.js';
import {
  startTestControlPlane,
  type TestControlPlane,
} from './support/start-test-control-plane.js';

interface IntrospectedField {
  name: string;
  description: string | null;
  args?: Array<{ name: string; description: string | null }>;
}
interface IntrospectedType {
  name: string;
  kind: string;
  description: string | null;
  fields: IntrospectedField[] | null;
  inputFields: IntrospectedField[] | null;
}

describe('HTTP endpoints and schema', () => {
  let controlPlane: TestControlPlane;
  beforeAll(async () => {
    controlPlane = await startTestControlPlane();
  });
  afterAll(async () => {
    await controlPlane?.close();
  });

  it('answers /healthz, /readyz and /metrics', async () => {
    const health = await fetch(`${controlPlane.url}/healthz`);
    expect(health.status).toBe(200);
    expect(await health.json()).toEqual({ status: 'ok' });
    const ready = await fetch(`${controlPlane.url}/readyz`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toEqual({ status: 'ready', postgres: 'up', redis: 'up' });
    const metrics = await fetch(`${controlPlane.url}/metrics`);
    expect(metrics.headers.get('content-type')).toContain('text/plain');
    const text = await metrics.text();
    expect(text).toContain('switchyard_snapshot_published_total');
    expect(text).toContain('process_cpu_user_seconds_total');
  });

  it('serves GraphiQL outside production', async () => {
    const page = await fetch(`${controlPlane.url}/graphiql`);
    expect(page.status).toBe(200);
  });

  it('describes every type, field and argument of the schema', async () => {
    const client = new GraphqlClient(controlPlane.url, controlPlane.adminToken);
    const data = await client.ok<{ __schema: { types: IntrospectedType[] } }>(`{
      __schema { types { name kind description
        fields { name description args { name description } }
        inputFields { name description } } }
    }`);
    const ours = data.__schema.types.filter(
      (type) =>
        !type.name.startsWith('__') &&
        !['String', 'Int', 'Float', 'Boolean', 'ID', 'DateTime'].includes(type.name),
    );
    const undocumented: string[] = [];
    for (const type of ours) {
      if (!type.description && type.name !== 'Query' && type.name !== 'Mutation')
        undocumented.push(type.name);
      for (const field of [...(type.fields ?? []), ...(type.inputFields ?? [])]) {
        if (!field.description) undocumented.push(`${type.name}.${field.name}`);
        for (const argument of field.args ?? []) {
          if (!argument.description)
            undocumented.push(`${type.name}.${field.name}(${argument.name})`);
        }
      }
    }
    expect(undocumented).toEqual([]);
  });
});
