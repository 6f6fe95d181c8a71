import { unique, upstreamSecret } from './factories.js';
import { none, type RoleCase } from './role-case.js';

/** Tenants, keys, provider accounts and the model catalog. */
export const tenantSetupRoleCases: RoleCase[] = [
  // tenants
  {
    operation: 'tenants',
    kind: 'query',
    access: 'catalog',
    document: '{ tenants { nodes { id } } }',
    prepare: none,
  },
  {
    operation: 'tenant',
    kind: 'query',
    access: 'tenant',
    document: 'query($id: ID!) { tenant(id: $id) { id } }',
    prepare: async (_w, id) => ({ id }),
  },
  {
    operation: 'createTenant',
    kind: 'mutation',
    access: 'platform',
    document: 'mutation($input: CreateTenantInput!) { createTenant(input: $input) { id } }',
    prepare: async () => ({ input: { name: 'Role test', slug: unique('role') } }),
  },
  {
    operation: 'updateTenant',
    kind: 'mutation',
    access: 'tenant',
    document:
      'mutation($id: ID!) { updateTenant(id: $id, input: { timezone: "Europe/Berlin" }) { id } }',
    prepare: async (_w, id) => ({ id }),
  },
  // api keys
  {
    operation: 'apiKeys',
    kind: 'query',
    access: 'catalog',
    document: '{ apiKeys { nodes { id } } }',
    prepare: none,
  },
  {
    operation: 'apiKey',
    kind: 'query',
    access: 'tenant',
    document: 'query($id: ID!) { apiKey(id: $id) { id } }',
    prepare: async (w, t) => ({ id: (await w.factories.apiKey(t)).id }),
  },
  {
    operation: 'createApiKey',
    kind: 'mutation',
    access: 'tenant',
    document:
      'mutation($input: CreateApiKeyInput!) { createApiKey(input: $input) { apiKey { id } } }',
    prepare: async (_w, tenantId) => ({ input: { tenantId, name: 'role key' } }),
  },
  {
    operation: 'updateApiKey',
    kind: 'mutation',
    access: 'tenant',
    document: 'mutation($id: ID!) { updateApiKey(id: $id, input: { name: "renamed" }) { id } }',
    prepare: async (w, t) => ({ id: (await w.factories.apiKey(t)).id }),
  },
  {
    operation: 'rotateApiKey',
    kind: 'mutation',
    access: 'tenant',
    document: 'mutation($id: ID!) { rotateApiKey(id: $id) { apiKey { id } } }',
    prepare: async (w, t) => ({ id: (await w.factories.apiKey(t)).id }),
  },
  {
    operation: 'revokeApiKey',
    kind: 'mutation',
    access: 'tenant',
    document: 'mutation($id: ID!) { revokeApiKey(id: $id) { id } }',
    prepare: async (w, t) => ({ id: (await w.factories.apiKey(t)).id }),
  },
  // provider accounts and upstream keys
  {
    operation: 'providerAccounts',
    kind: 'query',
    access: 'catalog',
    document: '{ providerAccounts { nodes { id } } }',
    prepare: none,
  },
  {
    operation: 'providerAccount',
    kind: 'query',
    access: 'tenant',
    document: 'query($id: ID!) { providerAccount(id: $id) { id } }',
    prepare: async (w, t) => ({ id: (await w.factories.providerAccount(t)).id }),
  },
  {
    operation: 'createProviderAccount',
    kind: 'mutation',
    access: 'tenant',
    document:
      'mutation($input: CreateProviderAccountInput!) { createProviderAccount(input: $input) { id } }',
    prepare: async (_w, tenantId) => ({
      input: {
        tenantId,
        name: unique('acct'),
        providerType: 'openai',
        baseUrl: 'http://127.0.0.1:9/v1',
        upstreamKeys: [{ secret: upstreamSecret() }],
      },
    }),
  },
  {
    operation: 'updateProviderAccount',
    kind: 'mutation',
    access: 'tenant',
    document:
      'mutation($id: ID!) { updateProviderAccount(id: $id, input: { region: "eu-west-1" }) { id } }',
    prepare: async (w, t) => ({ id: (await w.factories.providerAccount(t)).id }),
  },
  {
    operation: 'deleteProviderAccount',
    kind: 'mutation',
    access: 'tenant',
    document: 'mutation($id: ID!) { deleteProviderAccount(id: $id) { id } }',
    prepare: async (w, t) => ({ id: (await w.factories.providerAccount(t)).id }),
  },
  {
    operation: 'addUpstreamKey',
    kind: 'mutation',
    access: 'tenant',
    document: 'mutation($input: AddUpstreamKeyInput!) { addUpstreamKey(input: $input) { id } }',
    prepare: async (w, t) => ({
      input: {
        providerAccountId: (await w.factories.providerAccount(t)).id,
        secret: upstreamSecret(),
      },
    }),
  },
  {
    operation: 'updateUpstreamKey',
    kind: 'mutation',
    access: 'tenant',
    document: 'mutation($id: ID!) { updateUpstreamKey(id: $id, input: { weight: 3 }) { id } }',
    prepare: async (w, t) => ({ id: (await w.factories.providerAccount(t)).keyId }),
  },
  {
    operation: 'deleteUpstreamKey',
    kind: 'mutation',
    access: 'tenant',
    document: 'mutation($id: ID!) { deleteUpstreamKey(id: $id) { id } }',
    prepare: async (w, t) => ({ id: (await w.factories.providerAccount(t)).keyId }),
  },
  // model catalog (global)
  {
    operation: 'models',
    kind: 'query',
    access: 'catalog',
    document: '{ models { nodes { id } } }',
    prepare: none,
  },
  {
    operation: 'model',
    kind: 'query',
    access: 'catalog',
    document: 'query($id: ID!) { model(id: $id) { id } }',
    prepare: async (w) => ({ id: w.modelId }),
  },
  {
    operation: 'createModel',
    kind: 'mutation',
    access: 'platform',
    document: 'mutation($input: CreateModelInput!) { createModel(input: $input) { id } }',
    prepare: async () => ({
      input: {
        canonicalId: unique('m'),
        providerType: 'openai',
        providerModelId: 'x',
        contextWindow: 1000,
      },
    }),
  },
  {
    operation: 'updateModel',
    kind: 'mutation',
    access: 'platform',
    document: 'mutation($id: ID!) { updateModel(id: $id, input: { qualityScore: 70 }) { id } }',
    prepare: async (w) => ({ id: await w.factories.model() }),
  },
  {
    operation: 'deleteModel',
    kind: 'mutation',
    access: 'platform',
    document: 'mutation($id: ID!) { deleteModel(id: $id) { id } }',
    prepare: async (w) => ({ id: await w.factories.model() }),
  },
  {
    operation: 'createModelPrice',
    kind: 'mutation',
    access: 'platform',
    document: 'mutation($input: CreateModelPriceInput!) { createModelPrice(input: $input) { id } }',
    prepare: async (w) => ({
      input: {
        modelId: await w.factories.model(),
        effectiveFrom: '2025-06-01T00:00:00Z',
        inputNanoUsdPerMTok: '1',
        outputNanoUsdPerMTok: '2',
      },
    }),
  },
  {
    operation: 'updateModelPrice',
    kind: 'mutation',
    access: 'platform',
    document:
      'mutation($id: ID!) { updateModelPrice(id: $id, input: { inputNanoUsdPerMTok: "5" }) { id } }',
    prepare: async (w) => ({ id: await w.factories.price(await w.factories.model()) }),
  },
  {
    operation: 'deleteModelPrice',
    kind: 'mutation',
    access: 'platform',
    document: 'mutation($id: ID!) { deleteModelPrice(id: $id) { id } }',
    prepare: async (w) => ({ id: await w.factories.price(await w.factories.model()) }),
  },
];
