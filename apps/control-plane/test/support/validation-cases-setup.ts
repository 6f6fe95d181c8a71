import { unique } from './factories.js';
import {
  missing,
  past,
  tenantCreate,
  keyCreate,
  accountCreate,
  modelCreate,
  account,
  priceCreate,
  type ValidationCase,
} from './validation-case.js';

/** Tenants, keys, provider accounts, the model catalog and its prices. */
export const setupValidationCases: ValidationCase[] = [
  {
    operation: 'createTenant',
    why: 'slug with spaces',
    document: tenantCreate,
    variables: async () => ({ input: { name: 'x', slug: 'Bad Slug' } }),
    code: 'BAD_USER_INPUT',
    field: 'input.slug',
  },
  {
    operation: 'createTenant',
    why: 'duplicate slug',
    document: tenantCreate,
    code: 'CONFLICT',
    variables: async (w) => ({
      input: {
        name: 'x',
        slug: (
          await w.platform.ok<{ tenant: { slug: string } }>(
            'query($id: ID!) { tenant(id: $id) { slug } }',
            { id: w.tenantA },
          )
        ).tenant.slug,
      },
    }),
  },
  {
    operation: 'updateTenant',
    why: 'unknown timezone',
    document:
      'mutation($id: ID!) { updateTenant(id: $id, input: { timezone: "Mars/Base" }) { id } }',
    variables: async (w) => ({ id: w.tenantA }),
    code: 'BAD_USER_INPUT',
    field: 'input.timezone',
  },
  {
    operation: 'createApiKey',
    why: 'expiry in the past',
    document: keyCreate,
    variables: async (w) => ({ input: { tenantId: w.tenantA, name: 'k', expiresAt: past } }),
    code: 'BAD_USER_INPUT',
    field: 'input.expiresAt',
  },
  {
    operation: 'createApiKey',
    why: 'bad scope',
    document: keyCreate,
    variables: async (w) => ({ input: { tenantId: w.tenantA, name: 'k', scopes: ['BAD SCOPE'] } }),
    code: 'BAD_USER_INPUT',
    field: 'input.scopes.0',
  },
  {
    operation: 'createApiKey',
    why: 'metadata not an object',
    document: keyCreate,
    variables: async (w) => ({ input: { tenantId: w.tenantA, name: 'k', metadata: [1, 2] } }),
    code: 'BAD_USER_INPUT',
    field: 'input.metadata',
  },
  {
    operation: 'createApiKey',
    why: 'unknown tenant',
    document: keyCreate,
    variables: async () => ({ input: { tenantId: missing, name: 'k' } }),
    code: 'NOT_FOUND',
  },
  {
    operation: 'updateApiKey',
    why: 'empty name',
    document: 'mutation($id: ID!) { updateApiKey(id: $id, input: { name: "  " }) { id } }',
    variables: async (w) => ({ id: (await w.factories.apiKey(w.tenantA)).id }),
    code: 'BAD_USER_INPUT',
    field: 'input.name',
  },
  {
    operation: 'rotateApiKey',
    why: 'negative grace period',
    document:
      'mutation($id: ID!) { rotateApiKey(id: $id, input: { gracePeriodSeconds: -1 }) { secret } }',
    variables: async (w) => ({ id: (await w.factories.apiKey(w.tenantA)).id }),
    code: 'BAD_USER_INPUT',
    field: 'input.gracePeriodSeconds',
  },
  {
    operation: 'revokeApiKey',
    why: 'already revoked',
    document: 'mutation($id: ID!) { revokeApiKey(id: $id) { id } }',
    code: 'CONFLICT',
    variables: async (w) => {
      const key = await w.factories.apiKey(w.tenantA);
      await w.platform.ok('mutation($id: ID!) { revokeApiKey(id: $id) { id } }', { id: key.id });
      return { id: key.id };
    },
  },
  {
    operation: 'createProviderAccount',
    why: 'cloud metadata address',
    document: accountCreate,
    variables: async (w) => account(w, 'http://169.254.169.254/latest'),
    code: 'BAD_USER_INPUT',
    field: 'input.baseUrl',
  },
  {
    operation: 'createProviderAccount',
    why: 'localhost',
    document: accountCreate,
    variables: async (w) => account(w, 'http://localhost:8080/v1'),
    code: 'BAD_USER_INPUT',
    field: 'input.baseUrl',
  },
  {
    operation: 'createProviderAccount',
    why: 'non-http scheme',
    document: accountCreate,
    variables: async (w) => account(w, 'ftp://files.example.com'),
    code: 'BAD_USER_INPUT',
    field: 'input.baseUrl',
  },
  {
    operation: 'createProviderAccount',
    why: 'short upstream secret',
    document: accountCreate,
    code: 'BAD_USER_INPUT',
    field: 'input.upstreamKeys.0.secret',
    variables: async (w) => ({
      input: {
        ...account(w, 'https://api.openai.com/v1').input,
        upstreamKeys: [{ secret: 'short' }],
      },
    }),
  },
  {
    operation: 'createProviderAccount',
    why: 'non-string option',
    document: accountCreate,
    code: 'BAD_USER_INPUT',
    field: 'input.options.apiVersion',
    variables: async (w) => ({
      input: { ...account(w, 'https://api.openai.com/v1').input, options: { apiVersion: 2024 } },
    }),
  },
  {
    operation: 'updateProviderAccount',
    why: 'private address',
    document:
      'mutation($id: ID!) { updateProviderAccount(id: $id, input: { baseUrl: "http://10.1.2.3/v1" }) { id } }',
    variables: async (w) => ({ id: (await w.factories.providerAccount(w.tenantA)).id }),
    code: 'BAD_USER_INPUT',
    field: 'input.baseUrl',
  },
  {
    operation: 'deleteProviderAccount',
    why: 'still used by a deployment',
    document: 'mutation($id: ID!) { deleteProviderAccount(id: $id) { id } }',
    code: 'CONFLICT',
    variables: async (w) => {
      const created = await w.factories.providerAccount(w.tenantA);
      await w.factories.deployment(w.tenantA, w.modelId, created.id);
      return { id: created.id };
    },
  },
  {
    operation: 'addUpstreamKey',
    why: 'whitespace in secret',
    document: 'mutation($input: AddUpstreamKeyInput!) { addUpstreamKey(input: $input) { id } }',
    variables: async (w) => ({
      input: {
        providerAccountId: (await w.factories.providerAccount(w.tenantA)).id,
        secret: 'sk-has spaces inside',
      },
    }),
    code: 'BAD_USER_INPUT',
    field: 'input.secret',
  },
  {
    operation: 'updateUpstreamKey',
    why: 'negative weight',
    document: 'mutation($id: ID!) { updateUpstreamKey(id: $id, input: { weight: -1 }) { id } }',
    variables: async (w) => ({ id: (await w.factories.providerAccount(w.tenantA)).keyId }),
    code: 'BAD_USER_INPUT',
    field: 'input.weight',
  },
  {
    operation: 'deleteUpstreamKey',
    why: 'unknown id',
    document: 'mutation($id: ID!) { deleteUpstreamKey(id: $id) { id } }',
    variables: async () => ({ id: missing }),
    code: 'NOT_FOUND',
  },
  {
    operation: 'createModel',
    why: 'zero context window',
    document: modelCreate,
    variables: async () => ({
      input: {
        canonicalId: unique('m'),
        providerType: 'openai',
        providerModelId: 'x',
        contextWindow: 0,
      },
    }),
    code: 'BAD_USER_INPUT',
    field: 'input.contextWindow',
  },
  {
    operation: 'createModel',
    why: 'unknown capability',
    document: modelCreate,
    variables: async () => ({
      input: {
        canonicalId: unique('m'),
        providerType: 'openai',
        providerModelId: 'x',
        contextWindow: 10,
        capabilities: ['telepathy'],
      },
    }),
    code: 'BAD_USER_INPUT',
    field: 'input.capabilities.0',
  },
  {
    operation: 'createModel',
    why: 'duplicate canonical id',
    document: modelCreate,
    code: 'CONFLICT',
    variables: async (w) => ({
      input: {
        canonicalId: (
          await w.platform.ok<{ model: { canonicalId: string } }>(
            'query($id: ID!) { model(id: $id) { canonicalId } }',
            { id: w.modelId },
          )
        ).model.canonicalId,
        providerType: 'openai',
        providerModelId: 'x',
        contextWindow: 10,
      },
    }),
  },
  {
    operation: 'updateModel',
    why: 'quality above 100',
    document: 'mutation($id: ID!) { updateModel(id: $id, input: { qualityScore: 101 }) { id } }',
    variables: async (w) => ({ id: await w.factories.model() }),
    code: 'BAD_USER_INPUT',
    field: 'input.qualityScore',
  },
  {
    operation: 'deleteModel',
    why: 'pinned by an alias',
    document: 'mutation($id: ID!) { deleteModel(id: $id) { id } }',
    code: 'CONFLICT',
    variables: async (w) => {
      const id = await w.factories.model();
      await w.factories.alias(w.tenantA, id);
      return { id };
    },
  },
  {
    operation: 'createModelPrice',
    why: 'fractional dollars',
    document: priceCreate,
    variables: async (w) => ({
      input: {
        modelId: w.modelId,
        effectiveFrom: '2030-01-01T00:00:00Z',
        inputNanoUsdPerMTok: '0.40',
        outputNanoUsdPerMTok: '1',
      },
    }),
    code: 'BAD_USER_INPUT',
    field: 'input.inputNanoUsdPerMTok',
  },
  {
    operation: 'createModelPrice',
    why: 'ends before it starts',
    document: priceCreate,
    variables: async (w) => ({
      input: {
        modelId: w.modelId,
        effectiveFrom: '2030-01-01T00:00:00Z',
        effectiveTo: '2029-01-01T00:00:00Z',
        inputNanoUsdPerMTok: '1',
        outputNanoUsdPerMTok: '1',
      },
    }),
    code: 'BAD_USER_INPUT',
    field: 'input.effectiveTo',
  },
  {
    operation: 'createModelPrice',
    why: 'overlaps the open-ended price',
    document: priceCreate,
    variables: async (w) => ({
      input: {
        modelId: w.modelId,
        effectiveFrom: '2026-01-01T00:00:00Z',
        inputNanoUsdPerMTok: '1',
        outputNanoUsdPerMTok: '1',
      },
    }),
    code: 'CONFLICT',
  },
  {
    operation: 'updateModelPrice',
    why: 'negative price',
    document:
      'mutation($id: ID!) { updateModelPrice(id: $id, input: { outputNanoUsdPerMTok: "-1" }) { id } }',
    variables: async (w) => ({ id: await w.factories.price(await w.factories.model()) }),
    code: 'BAD_USER_INPUT',
    field: 'input.outputNanoUsdPerMTok',
  },
  {
    operation: 'deleteModelPrice',
    why: 'unknown id',
    document: 'mutation($id: ID!) { deleteModelPrice(id: $id) { id } }',
    variables: async () => ({ id: missing }),
    code: 'NOT_FOUND',
  },
];
