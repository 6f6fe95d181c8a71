import { unique, upstreamSecret } from './factories.js';
import type { World } from './world.js';

/** Shared pieces of the bad-input cases. */

/** A mutation (or query) with bad input, and the error it must produce. */
export interface ValidationCase {
  operation: string;
  why: string;
  document: string;
  variables: (world: World) => Promise<Record<string, unknown>>;
  code: 'BAD_USER_INPUT' | 'NOT_FOUND' | 'CONFLICT';
  /** For BAD_USER_INPUT: the field path the error must name. */
  field?: string;
}

export const missing = 'cmissingmissingmissing00';
export const past = '2020-01-01T00:00:00.000Z';
export const tenantCreate =
  'mutation($input: CreateTenantInput!) { createTenant(input: $input) { id } }';
export const keyCreate =
  'mutation($input: CreateApiKeyInput!) { createApiKey(input: $input) { apiKey { id } } }';
export const accountCreate =
  'mutation($input: CreateProviderAccountInput!) { createProviderAccount(input: $input) { id } }';
export const modelCreate =
  'mutation($input: CreateModelInput!) { createModel(input: $input) { id } }';
export const priceCreate =
  'mutation($input: CreateModelPriceInput!) { createModelPrice(input: $input) { id } }';
export const aliasCreate =
  'mutation($input: CreateModelAliasInput!) { createModelAlias(input: $input) { id } }';
export const deploymentCreate =
  'mutation($input: CreateDeploymentInput!) { createDeployment(input: $input) { id } }';
export const policyCreate =
  'mutation($input: CreateRoutingPolicyInput!) { createRoutingPolicy(input: $input) { id } }';
export const budgetCreate =
  'mutation($input: CreateBudgetInput!) { createBudget(input: $input) { id } }';
export const limitCreate =
  'mutation($input: CreateRateLimitInput!) { createRateLimit(input: $input) { id } }';
export const channelCreate =
  'mutation($input: CreateAlertChannelInput!) { createAlertChannel(input: $input) { id } }';
export const account = (w: World, baseUrl: string) => ({
  input: {
    tenantId: w.tenantA,
    name: unique('a'),
    providerType: 'openai',
    baseUrl,
    upstreamKeys: [{ secret: upstreamSecret() }],
  },
});
export const budget = (w: World, extra: Record<string, unknown>) => ({
  input: {
    tenantId: w.tenantA,
    name: unique('b'),
    scopeType: 'TENANT',
    period: 'DAILY',
    limitNanoUsd: '100',
    action: 'WARN',
    ...extra,
  },
});
export const policy = (w: World, document: unknown) => ({
  input: { tenantId: w.tenantA, name: unique('p'), document },
});
export const target = { targets: [{ model: 'm' }] };
