import { unique, validPolicyDocument } from './factories.js';
import { none, type RoleCase } from './role-case.js';

/** Aliases, deployments, policies, budgets, limits, alerts, audit and admin principals. */
export const routingAndAdminRoleCases: RoleCase[] = [
  // aliases
  {
    operation: 'modelAliases',
    kind: 'query',
    access: 'catalog',
    document: '{ modelAliases { nodes { id } } }',
    prepare: none,
  },
  {
    operation: 'modelAlias',
    kind: 'query',
    access: 'tenant',
    document: 'query($id: ID!) { modelAlias(id: $id) { id } }',
    prepare: async (w, t) => ({ id: await w.factories.alias(t, w.modelId) }),
  },
  {
    operation: 'createModelAlias',
    kind: 'mutation',
    access: 'tenant',
    document: 'mutation($input: CreateModelAliasInput!) { createModelAlias(input: $input) { id } }',
    prepare: async (w, tenantId) => ({
      input: { tenantId, alias: unique('a'), modelId: w.modelId },
    }),
  },
  {
    operation: 'updateModelAlias',
    kind: 'mutation',
    access: 'tenant',
    document:
      'mutation($id: ID!, $modelId: ID!) { updateModelAlias(id: $id, input: { modelId: $modelId }) { id } }',
    prepare: async (w, t) => ({ id: await w.factories.alias(t, w.modelId), modelId: w.modelId }),
  },
  {
    operation: 'deleteModelAlias',
    kind: 'mutation',
    access: 'tenant',
    document: 'mutation($id: ID!) { deleteModelAlias(id: $id) { id } }',
    prepare: async (w, t) => ({ id: await w.factories.alias(t, w.modelId) }),
  },
  // deployments
  {
    operation: 'deployments',
    kind: 'query',
    access: 'catalog',
    document: '{ deployments { nodes { id } } }',
    prepare: none,
  },
  {
    operation: 'deployment',
    kind: 'query',
    access: 'tenant',
    document: 'query($id: ID!) { deployment(id: $id) { id } }',
    prepare: async (w, t) => ({
      id: await w.factories.deployment(t, w.modelId, (await w.factories.providerAccount(t)).id),
    }),
  },
  {
    operation: 'createDeployment',
    kind: 'mutation',
    access: 'tenant',
    document: 'mutation($input: CreateDeploymentInput!) { createDeployment(input: $input) { id } }',
    prepare: async (w, tenantId) => ({
      input: {
        tenantId,
        name: unique('d'),
        modelId: w.modelId,
        providerAccountId: (await w.factories.providerAccount(tenantId)).id,
      },
    }),
  },
  {
    operation: 'updateDeployment',
    kind: 'mutation',
    access: 'tenant',
    document: 'mutation($id: ID!) { updateDeployment(id: $id, input: { weight: 5 }) { id } }',
    prepare: async (w, t) => ({
      id: await w.factories.deployment(t, w.modelId, (await w.factories.providerAccount(t)).id),
    }),
  },
  {
    operation: 'deleteDeployment',
    kind: 'mutation',
    access: 'tenant',
    document: 'mutation($id: ID!) { deleteDeployment(id: $id) { id } }',
    prepare: async (w, t) => ({
      id: await w.factories.deployment(t, w.modelId, (await w.factories.providerAccount(t)).id),
    }),
  },
  // routing policies
  {
    operation: 'routingPolicies',
    kind: 'query',
    access: 'catalog',
    document: '{ routingPolicies { nodes { id } } }',
    prepare: none,
  },
  {
    operation: 'routingPolicy',
    kind: 'query',
    access: 'tenant',
    document: 'query($id: ID!) { routingPolicy(id: $id) { id } }',
    prepare: async (w, t) => ({ id: await w.factories.routingPolicy(t) }),
  },
  {
    operation: 'routingPolicyVersions',
    kind: 'query',
    access: 'tenant',
    document: 'query($id: ID!) { routingPolicyVersions(policyId: $id) { nodes { version } } }',
    prepare: async (w, t) => ({ id: await w.factories.routingPolicy(t) }),
  },
  {
    operation: 'dryRunRoutingPolicy',
    kind: 'query',
    access: 'catalog',
    document:
      'query($document: JSON!) { dryRunRoutingPolicy(document: $document, sampleRequest: { model: "x" }) { matchedRule } }',
    prepare: async () => ({ document: validPolicyDocument }),
  },
  {
    operation: 'createRoutingPolicy',
    kind: 'mutation',
    access: 'tenant',
    document:
      'mutation($input: CreateRoutingPolicyInput!) { createRoutingPolicy(input: $input) { id } }',
    prepare: async (_w, tenantId) => ({
      input: { tenantId, name: unique('p'), document: validPolicyDocument },
    }),
  },
  {
    operation: 'updateRoutingPolicy',
    kind: 'mutation',
    access: 'tenant',
    document:
      'mutation($id: ID!, $document: JSON) { updateRoutingPolicy(id: $id, input: { document: $document }) { id } }',
    prepare: async (w, t) => ({
      id: await w.factories.routingPolicy(t),
      document: validPolicyDocument,
    }),
  },
  {
    operation: 'activateRoutingPolicy',
    kind: 'mutation',
    access: 'tenant',
    document: 'mutation($id: ID!) { activateRoutingPolicy(id: $id, version: 1) { id } }',
    prepare: async (w, t) => ({ id: await w.factories.routingPolicy(t) }),
  },
  {
    operation: 'deactivateRoutingPolicy',
    kind: 'mutation',
    access: 'tenant',
    document: 'mutation($id: ID!) { deactivateRoutingPolicy(id: $id) { id } }',
    prepare: async (w, t) => ({ id: await w.factories.routingPolicy(t, true) }),
  },
  {
    operation: 'deleteRoutingPolicy',
    kind: 'mutation',
    access: 'tenant',
    document: 'mutation($id: ID!) { deleteRoutingPolicy(id: $id) { id } }',
    prepare: async (w, t) => ({ id: await w.factories.routingPolicy(t) }),
  },
  // budgets
  {
    operation: 'budgets',
    kind: 'query',
    access: 'catalog',
    document: '{ budgets { nodes { id } } }',
    prepare: none,
  },
  {
    operation: 'budget',
    kind: 'query',
    access: 'tenant',
    document: 'query($id: ID!) { budget(id: $id) { id } }',
    prepare: async (w, t) => ({ id: await w.factories.budget(t) }),
  },
  {
    operation: 'createBudget',
    kind: 'mutation',
    access: 'tenant',
    document: 'mutation($input: CreateBudgetInput!) { createBudget(input: $input) { id } }',
    prepare: async (_w, tenantId) => ({
      input: {
        tenantId,
        name: unique('b'),
        scopeType: 'TENANT',
        period: 'DAILY',
        limitNanoUsd: '1000',
        action: 'WARN',
      },
    }),
  },
  {
    operation: 'updateBudget',
    kind: 'mutation',
    access: 'tenant',
    document: 'mutation($id: ID!) { updateBudget(id: $id, input: { limitNanoUsd: "999" }) { id } }',
    prepare: async (w, t) => ({ id: await w.factories.budget(t) }),
  },
  {
    operation: 'deleteBudget',
    kind: 'mutation',
    access: 'tenant',
    document: 'mutation($id: ID!) { deleteBudget(id: $id) { id } }',
    prepare: async (w, t) => ({ id: await w.factories.budget(t) }),
  },
  // rate limits
  {
    operation: 'rateLimits',
    kind: 'query',
    access: 'catalog',
    document: '{ rateLimits { nodes { id } } }',
    prepare: none,
  },
  {
    operation: 'rateLimit',
    kind: 'query',
    access: 'tenant',
    document: 'query($id: ID!) { rateLimit(id: $id) { id } }',
    prepare: async (w, t) => ({ id: await w.factories.rateLimit(t) }),
  },
  {
    operation: 'createRateLimit',
    kind: 'mutation',
    access: 'tenant',
    document: 'mutation($input: CreateRateLimitInput!) { createRateLimit(input: $input) { id } }',
    prepare: async (_w, tenantId) => ({ input: { tenantId, tokensPerMinute: 1000 } }),
  },
  {
    operation: 'updateRateLimit',
    kind: 'mutation',
    access: 'tenant',
    document:
      'mutation($id: ID!) { updateRateLimit(id: $id, input: { requestsPerMinute: 5 }) { id } }',
    prepare: async (w, t) => ({ id: await w.factories.rateLimit(t) }),
  },
  {
    operation: 'deleteRateLimit',
    kind: 'mutation',
    access: 'tenant',
    document: 'mutation($id: ID!) { deleteRateLimit(id: $id) { id } }',
    prepare: async (w, t) => ({ id: await w.factories.rateLimit(t) }),
  },
  // alert channels
  {
    operation: 'alertChannels',
    kind: 'query',
    access: 'admins',
    document: '{ alertChannels { nodes { id } } }',
    prepare: none,
  },
  {
    operation: 'alertChannel',
    kind: 'query',
    access: 'admins',
    document: 'query($id: ID!) { alertChannel(id: $id) { id } }',
    prepare: async (w, t) => ({ id: await w.factories.alertChannel(t) }),
  },
  {
    operation: 'createAlertChannel',
    kind: 'mutation',
    access: 'tenant',
    document:
      'mutation($input: CreateAlertChannelInput!) { createAlertChannel(input: $input) { id } }',
    prepare: async (_w, tenantId) => ({
      input: {
        tenantId,
        name: unique('c'),
        url: 'http://127.0.0.1:9/hook',
        signingSecret: 'a-long-signing-secret-1234',
      },
    }),
  },
  {
    operation: 'updateAlertChannel',
    kind: 'mutation',
    access: 'tenant',
    document:
      'mutation($id: ID!) { updateAlertChannel(id: $id, input: { enabled: false }) { id } }',
    prepare: async (w, t) => ({ id: await w.factories.alertChannel(t) }),
  },
  {
    operation: 'deleteAlertChannel',
    kind: 'mutation',
    access: 'tenant',
    document: 'mutation($id: ID!) { deleteAlertChannel(id: $id) { id } }',
    prepare: async (w, t) => ({ id: await w.factories.alertChannel(t) }),
  },
  // audit log and admin principals
  {
    operation: 'auditLog',
    kind: 'query',
    access: 'admins',
    document: '{ auditLog { nodes { id } } }',
    prepare: none,
  },
  {
    operation: 'me',
    kind: 'query',
    access: 'catalog',
    document: '{ me { id role } }',
    prepare: none,
  },
  {
    operation: 'adminPrincipals',
    kind: 'query',
    access: 'platform',
    document: '{ adminPrincipals { nodes { id } } }',
    prepare: none,
  },
  {
    operation: 'createAdminPrincipal',
    kind: 'mutation',
    access: 'platform',
    document:
      'mutation($input: CreateAdminPrincipalInput!) { createAdminPrincipal(input: $input) { id } }',
    prepare: async (_w, tenantId) => ({ input: { name: 'role test', role: 'FINANCE', tenantId } }),
  },
  {
    operation: 'createAdminToken',
    kind: 'mutation',
    access: 'platform',
    document:
      'mutation($input: CreateAdminTokenInput!) { createAdminToken(input: $input) { token { id } } }',
    prepare: async (w, t) => ({
      input: { principalId: (await w.factories.principal('FINANCE', t)).id },
    }),
  },
  {
    operation: 'revokeAdminToken',
    kind: 'mutation',
    access: 'platform',
    document: 'mutation($id: ID!) { revokeAdminToken(id: $id) { id } }',
    prepare: async (w, t) => ({ id: (await w.factories.principal('FINANCE', t)).tokenId }),
  },
  {
    operation: 'resealSecrets',
    kind: 'mutation',
    access: 'platform',
    document: 'mutation { resealSecrets { remaining } }',
    prepare: none,
  },
];
