import { unique } from './factories.js';
import {
  missing,
  past,
  aliasCreate,
  deploymentCreate,
  policyCreate,
  budgetCreate,
  limitCreate,
  channelCreate,
  budget,
  policy,
  target,
  type ValidationCase,
} from './validation-case.js';

/** Aliases, deployments, policies, budgets, limits, alerts and admin principals. */
export const routingAndAdminValidationCases: ValidationCase[] = [
  {
    operation: 'createModelAlias',
    why: 'fallback equals the pin',
    document: aliasCreate,
    variables: async (w) => ({
      input: {
        tenantId: w.tenantA,
        alias: unique('a'),
        modelId: w.modelId,
        fallbackModelIds: [w.modelId],
      },
    }),
    code: 'BAD_USER_INPUT',
    field: 'input.fallbackModelIds',
  },
  {
    operation: 'createModelAlias',
    why: 'unknown model',
    document: aliasCreate,
    variables: async (w) => ({
      input: { tenantId: w.tenantA, alias: unique('a'), modelId: missing },
    }),
    code: 'NOT_FOUND',
  },
  {
    operation: 'updateModelAlias',
    why: 'repeated fallback',
    document:
      'mutation($id: ID!, $m: ID!) { updateModelAlias(id: $id, input: { fallbackModelIds: [$m, $m] }) { id } }',
    code: 'BAD_USER_INPUT',
    field: 'input.fallbackModelIds',
    variables: async (w) => ({
      id: await w.factories.alias(w.tenantA, w.modelId),
      m: await w.factories.model(),
    }),
  },
  {
    operation: 'deleteModelAlias',
    why: 'unknown id',
    document: 'mutation($id: ID!) { deleteModelAlias(id: $id) { id } }',
    variables: async () => ({ id: missing }),
    code: 'NOT_FOUND',
  },
  {
    operation: 'createDeployment',
    why: 'negative weight',
    document: deploymentCreate,
    code: 'BAD_USER_INPUT',
    field: 'input.weight',
    variables: async (w) => ({
      input: {
        tenantId: w.tenantA,
        name: unique('d'),
        modelId: w.modelId,
        providerAccountId: (await w.factories.providerAccount(w.tenantA)).id,
        weight: -5,
      },
    }),
  },
  {
    operation: 'createDeployment',
    why: 'name with spaces',
    document: deploymentCreate,
    code: 'BAD_USER_INPUT',
    field: 'input.name',
    variables: async (w) => ({
      input: {
        tenantId: w.tenantA,
        name: 'bad name!',
        modelId: w.modelId,
        providerAccountId: (await w.factories.providerAccount(w.tenantA)).id,
      },
    }),
  },
  {
    operation: 'updateDeployment',
    why: 'zero concurrency',
    document:
      'mutation($id: ID!) { updateDeployment(id: $id, input: { maxConcurrency: 0 }) { id } }',
    code: 'BAD_USER_INPUT',
    field: 'input.maxConcurrency',
    variables: async (w) => ({
      id: await w.factories.deployment(
        w.tenantA,
        w.modelId,
        (await w.factories.providerAccount(w.tenantA)).id,
      ),
    }),
  },
  {
    operation: 'deleteDeployment',
    why: 'unknown id',
    document: 'mutation($id: ID!) { deleteDeployment(id: $id) { id } }',
    variables: async () => ({ id: missing }),
    code: 'NOT_FOUND',
  },
  {
    operation: 'createRoutingPolicy',
    why: 'route without targets',
    document: policyCreate,
    variables: async (w) => policy(w, { rules: [{ name: 'r', route: { targets: [] } }] }),
    code: 'BAD_USER_INPUT',
    field: 'input.document.rules.0.route.targets',
  },
  {
    operation: 'createRoutingPolicy',
    why: 'duplicate rule names',
    document: policyCreate,
    variables: async (w) =>
      policy(w, {
        rules: [
          { name: 'r', route: target },
          { name: 'r', route: target },
        ],
      }),
    code: 'BAD_USER_INPUT',
    field: 'input.document.rules.1.name',
  },
  {
    operation: 'updateRoutingPolicy',
    why: 'target names both deployment and model',
    document:
      'mutation($id: ID!, $d: JSON) { updateRoutingPolicy(id: $id, input: { document: $d }) { id } }',
    code: 'BAD_USER_INPUT',
    field: 'input.document.rules.0.route.targets.0',
    variables: async (w) => ({
      id: await w.factories.routingPolicy(w.tenantA),
      d: { rules: [{ name: 'r', route: { targets: [{ deployment: 'a', model: 'b' }] } }] },
    }),
  },
  {
    operation: 'activateRoutingPolicy',
    why: 'version does not exist',
    document: 'mutation($id: ID!) { activateRoutingPolicy(id: $id, version: 99) { id } }',
    variables: async (w) => ({ id: await w.factories.routingPolicy(w.tenantA) }),
    code: 'NOT_FOUND',
  },
  {
    operation: 'deactivateRoutingPolicy',
    why: 'unknown id',
    document: 'mutation($id: ID!) { deactivateRoutingPolicy(id: $id) { id } }',
    variables: async () => ({ id: missing }),
    code: 'NOT_FOUND',
  },
  {
    operation: 'deleteRoutingPolicy',
    why: 'unknown id',
    document: 'mutation($id: ID!) { deleteRoutingPolicy(id: $id) { id } }',
    variables: async () => ({ id: missing }),
    code: 'NOT_FOUND',
  },
  {
    operation: 'dryRunRoutingPolicy',
    why: 'unknown condition',
    document:
      'query($d: JSON!) { dryRunRoutingPolicy(document: $d, sampleRequest: { model: "m" }) { matchedRule } }',
    variables: async () => ({
      d: { rules: [{ name: 'r', when: { weather: 'sunny' }, route: target }] },
    }),
    code: 'BAD_USER_INPUT',
    field: 'document.rules.0.when',
  },
  {
    operation: 'createBudget',
    why: 'limit is not an integer',
    document: budgetCreate,
    variables: async (w) => budget(w, { limitNanoUsd: '12.5' }),
    code: 'BAD_USER_INPUT',
    field: 'input.limitNanoUsd',
  },
  {
    operation: 'createBudget',
    why: 'DOWNGRADE without a model',
    document: budgetCreate,
    variables: async (w) => budget(w, { action: 'DOWNGRADE' }),
    code: 'BAD_USER_INPUT',
    field: 'input.downgradeModelId',
  },
  {
    operation: 'createBudget',
    why: 'TENANT scope with a value',
    document: budgetCreate,
    variables: async (w) => budget(w, { scopeValue: 'x' }),
    code: 'BAD_USER_INPUT',
    field: 'input.scopeValue',
  },
  {
    operation: 'createBudget',
    why: 'threshold 0 %',
    document: budgetCreate,
    variables: async (w) => budget(w, { alertThresholds: [0, 50] }),
    code: 'BAD_USER_INPUT',
    field: 'input.alertThresholds.0',
  },
  {
    operation: 'updateBudget',
    why: 'DOWNGRADE without a model',
    document: 'mutation($id: ID!) { updateBudget(id: $id, input: { action: DOWNGRADE }) { id } }',
    variables: async (w) => ({ id: await w.factories.budget(w.tenantA) }),
    code: 'BAD_USER_INPUT',
    field: 'input.downgradeModelId',
  },
  {
    operation: 'deleteBudget',
    why: 'unknown id',
    document: 'mutation($id: ID!) { deleteBudget(id: $id) { id } }',
    variables: async () => ({ id: missing }),
    code: 'NOT_FOUND',
  },
  {
    operation: 'createRateLimit',
    why: 'no limit given',
    document: limitCreate,
    variables: async (w) => ({ input: { tenantId: w.tenantA } }),
    code: 'BAD_USER_INPUT',
    field: 'input.requestsPerMinute',
  },
  {
    operation: 'createRateLimit',
    why: 'zero requests per minute',
    document: limitCreate,
    variables: async (w) => ({ input: { tenantId: w.tenantA, requestsPerMinute: 0 } }),
    code: 'BAD_USER_INPUT',
    field: 'input.requestsPerMinute',
  },
  {
    operation: 'updateRateLimit',
    why: 'clearing every limit',
    document:
      'mutation($id: ID!) { updateRateLimit(id: $id, input: { clearRequestsPerMinute: true }) { id } }',
    variables: async (w) => ({ id: await w.factories.rateLimit(w.tenantA) }),
    code: 'BAD_USER_INPUT',
    field: 'input',
  },
  {
    operation: 'deleteRateLimit',
    why: 'unknown id',
    document: 'mutation($id: ID!) { deleteRateLimit(id: $id) { id } }',
    variables: async () => ({ id: missing }),
    code: 'NOT_FOUND',
  },
  {
    operation: 'createAlertChannel',
    why: 'short signing secret',
    document: channelCreate,
    variables: async (w) => ({
      input: {
        tenantId: w.tenantA,
        name: 'c',
        url: 'https://hooks.example.com/x',
        signingSecret: 'short',
      },
    }),
    code: 'BAD_USER_INPUT',
    field: 'input.signingSecret',
  },
  {
    operation: 'createAlertChannel',
    why: 'private webhook address',
    document: channelCreate,
    variables: async (w) => ({
      input: {
        tenantId: w.tenantA,
        name: 'c',
        url: 'http://192.168.1.10/hook',
        signingSecret: 'a-long-enough-secret-123',
      },
    }),
    code: 'BAD_USER_INPUT',
    field: 'input.url',
  },
  {
    operation: 'updateAlertChannel',
    why: 'not a URL',
    document:
      'mutation($id: ID!) { updateAlertChannel(id: $id, input: { url: "not a url" }) { id } }',
    variables: async (w) => ({ id: await w.factories.alertChannel(w.tenantA) }),
    code: 'BAD_USER_INPUT',
    field: 'input.url',
  },
  {
    operation: 'deleteAlertChannel',
    why: 'unknown id',
    document: 'mutation($id: ID!) { deleteAlertChannel(id: $id) { id } }',
    variables: async () => ({ id: missing }),
    code: 'NOT_FOUND',
  },
  {
    operation: 'createAdminPrincipal',
    why: 'tenant admin without tenant',
    document: 'mutation { createAdminPrincipal(input: { name: "x", role: TENANT_ADMIN }) { id } }',
    variables: async () => ({}),
    code: 'BAD_USER_INPUT',
    field: 'input.tenantId',
  },
  {
    operation: 'createAdminPrincipal',
    why: 'bad e-mail',
    document:
      'mutation { createAdminPrincipal(input: { name: "x", role: FINANCE, email: "nope" }) { id } }',
    variables: async () => ({}),
    code: 'BAD_USER_INPUT',
    field: 'input.email',
  },
  {
    operation: 'createAdminToken',
    why: 'expiry in the past',
    document:
      'mutation($input: CreateAdminTokenInput!) { createAdminToken(input: $input) { secret } }',
    code: 'BAD_USER_INPUT',
    field: 'input.expiresAt',
    variables: async (w) => ({
      input: {
        principalId: (await w.factories.principal('FINANCE', w.tenantA)).id,
        expiresAt: past,
      },
    }),
  },
  {
    operation: 'revokeAdminToken',
    why: 'unknown id',
    document: 'mutation($id: ID!) { revokeAdminToken(id: $id) { id } }',
    variables: async () => ({ id: missing }),
    code: 'NOT_FOUND',
  },
  {
    operation: 'resealSecrets',
    why: 'a batch size of 0',
    document: 'mutation { resealSecrets(batchSize: 0) { remaining } }',
    variables: async () => ({}),
    code: 'BAD_USER_INPUT',
    field: 'batchSize',
  },
  {
    operation: 'recostUsage',
    why: 'to before from',
    document: 'mutation($input: RecostUsageInput!) { recostUsage(input: $input) { rowsChanged } }',
    variables: async () => ({
      input: { from: '2026-02-01T00:00:00.000Z', to: '2026-01-01T00:00:00.000Z', dryRun: true },
    }),
    code: 'BAD_USER_INPUT',
    field: 'input.to',
  },
];
