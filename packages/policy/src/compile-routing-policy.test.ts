import { describe, expect, it } from 'vitest';
import { CatalogFixture } from './__fixtures__/routing-fixtures.js';
import { compileRoutingPolicy } from './compile-routing-policy.js';
import { createSnapshotRoutingCatalog } from './routing-catalog.js';
import { exclusionReasonFaults } from './routing-exclusion.js';
import { routingPolicyDocumentSchema } from './routing-policy-schema.js';
import { policySnapshotSchema } from './snapshot-schema.js';

describe('compileRoutingPolicy', () => {
  it("resolves deployments by id or name (the tenant's own first) and models by id, canonical id or alias", () => {
    const catalog = new CatalogFixture();
    const model = catalog.addModel('m1');
    catalog.addDeployment('shared', model);
    const own = catalog.addDeployment('own', model, { tenantId: 'tenant_1' });
    (own as { name: string }).name = 'shared-name';
    const document = routingPolicyDocumentSchema.parse({
      rules: [
        {
          name: 'r',
          route: {
            targets: [
              { deployment: 'shared-name' },
              { deployment: 'shared' },
              { model: 'm1-2025', weight: 4 },
              { model: 'my-alias' },
              { model: 'nope' },
            ],
          },
        },
      ],
    });
    const policy = compileRoutingPolicy(document, catalog, {
      tenantId: 'tenant_1',
      aliases: new Map([['my-alias', { modelId: 'm1' }]]),
    });
    const targets = policy.rules[0]!.targets;
    expect(targets.map((target) => target.candidates.map((candidate) => candidate.id))).toEqual([
      ['own'],
      ['shared'],
      ['shared', 'own'],
      ['shared', 'own'],
      [],
    ]);
    expect(targets[2]).toMatchObject({ label: 'model m1-2025', weight: 4 });
    expect(targets[4]?.problem).toMatchObject({ reason: 'unknown_target' });
    expect(policy.failover.maxAttempts).toBe(3);
  });
});

describe('createSnapshotRoutingCatalog', () => {
  it('serves a raw snapshot (for the control plane dry-run)', () => {
    const snapshot = policySnapshotSchema.parse({
      schemaVersion: 1,
      version: 1,
      generatedAt: '2025-01-01T00:00:00Z',
      tenants: {},
      apiKeys: {},
      models: {
        m1: {
          id: 'm1',
          canonicalId: 'm1-2025',
          providerType: 'openai',
          providerModelId: 'm1',
          contextWindow: 1000,
          capabilities: [],
          prices: [],
        },
      },
      providerAccounts: {
        a1: {
          id: 'a1',
          tenantId: null,
          name: 'a',
          providerType: 'openai',
          baseUrl: 'https://api.openai.com/v1',
          region: 'us',
          keys: [],
        },
      },
      deployments: {
        d1: {
          id: 'd1',
          tenantId: null,
          name: 'primary',
          modelId: 'm1',
          providerAccountId: 'a1',
          weight: 1,
        },
      },
    });
    const catalog = createSnapshotRoutingCatalog(snapshot);
    expect(catalog.model('m1-2025')?.id).toBe('m1');
    expect(catalog.deploymentsOfModel('m1')).toMatchObject([
      { id: 'd1', provider: 'openai', region: 'us' },
    ]);
    expect(catalog.deployment('primary', 'any')?.id).toBe('d1');
  });
});

describe('the exclusion vocabulary', () => {
  it('assigns every reason to exactly one of caller, policy, provider or gateway', () => {
    const sides = new Set(Object.values(exclusionReasonFaults));
    expect([...sides].sort()).toEqual(['caller', 'gateway', 'policy', 'provider']);
    expect(exclusionReasonFaults).toMatchObject({
      residency: 'policy',
      price_cap: 'policy',
      budget: 'policy',
      rate_limit: 'policy',
      capability: 'caller',
      context_window: 'caller',
      open_breaker: 'provider',
    });
  });
});
