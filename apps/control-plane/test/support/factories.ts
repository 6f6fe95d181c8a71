import { randomBytes } from 'node:crypto';
import type { GraphqlClient } from './graphql-client.js';

/** Unique suffix so test runs sharing one database never collide on names. */
export function unique(prefix: string): string {
  return `${prefix}-${randomBytes(4).toString('hex')}`;
}

/** A realistic-looking upstream secret that is easy to search for in responses and Redis. */
export function upstreamSecret(): string {
  return `sk-test-${randomBytes(18).toString('hex')}`;
}

export const validPolicyDocument = {
  rules: [
    {
      name: 'long-prompts',
      when: { promptTokens: { min: 1000 } },
      route: { strategy: 'priority', targets: [{ model: 'big-model' }] },
    },
    { name: 'default', route: { targets: [{ model: 'small-model' }] } },
  ],
};

/** Creates entities through the API as a platform admin; returns ids. */
export class Factories {
  constructor(private readonly platform: GraphqlClient) {}

  async tenant(): Promise<string> {
    const slug = unique('t');
    const data = await this.platform.ok<{ createTenant: { id: string } }>(
      'mutation($input: CreateTenantInput!) { createTenant(input: $input) { id } }',
      { input: { name: `Tenant ${slug}`, slug } },
    );
    return data.createTenant.id;
  }

  async apiKey(tenantId: string): Promise<{ id: string; secret: string }> {
    const data = await this.platform.ok<{
      createApiKey: { apiKey: { id: string }; secret: string };
    }>(
      'mutation($input: CreateApiKeyInput!) { createApiKey(input: $input) { apiKey { id } secret } }',
      { input: { tenantId, name: unique('key') } },
    );
    return { id: data.createApiKey.apiKey.id, secret: data.createApiKey.secret };
  }

  async providerAccount(
    tenantId: string | null,
    secret = upstreamSecret(),
  ): Promise<{ id: string; keyId: string }> {
    const data = await this.platform.ok<{
      createProviderAccount: { id: string; upstreamKeys: Array<{ id: string }> };
    }>(
      `mutation($input: CreateProviderAccountInput!) {
        createProviderAccount(input: $input) { id upstreamKeys { id } }
      }`,
      {
        input: {
          tenantId,
          name: unique('account'),
          providerType: 'openai',
          baseUrl: 'http://127.0.0.1:9/v1',
          upstreamKeys: [{ secret }],
        },
      },
    );
    const account = data.createProviderAccount;
    return { id: account.id, keyId: account.upstreamKeys[0]?.id ?? '' };
  }

  async model(): Promise<string> {
    const data = await this.platform.ok<{ createModel: { id: string } }>(
      'mutation($input: CreateModelInput!) { createModel(input: $input) { id } }',
      {
        input: {
          canonicalId: unique('model'),
          providerType: 'openai',
          providerModelId: 'gpt-test',
          contextWindow: 128_000,
          capabilities: ['tools'],
        },
      },
    );
    return data.createModel.id;
  }

  async price(modelId: string, effectiveFrom = '2025-01-01T00:00:00.000Z'): Promise<string> {
    const data = await this.platform.ok<{ createModelPrice: { id: string } }>(
      'mutation($input: CreateModelPriceInput!) { createModelPrice(input: $input) { id } }',
      {
        input: {
          modelId,
          effectiveFrom,
          inputNanoUsdPerMTok: '400000000',
          outputNanoUsdPerMTok: '1600000000',
        },
      },
    );
    return data.createModelPrice.id;
  }

  async alias(tenantId: string | null, modelId: string): Promise<string> {
    const data = await this.platform.ok<{ createModelAlias: { id: string } }>(
      'mutation($input: CreateModelAliasInput!) { createModelAlias(input: $input) { id } }',
      { input: { tenantId, alias: unique('alias'), modelId } },
    );
    return data.createModelAlias.id;
  }

  async deployment(
    tenantId: string | null,
    modelId: string,
    providerAccountId: string,
  ): Promise<string> {
    const data = await this.platform.ok<{ createDeployment: { id: string } }>(
      'mutation($input: CreateDeploymentInput!) { createDeployment(input: $input) { id } }',
      { input: { tenantId, name: unique('deployment'), modelId, providerAccountId } },
    );
    return data.createDeployment.id;
  }

  async routingPolicy(tenantId: string, activate = false): Promise<string> {
    const data = await this.platform.ok<{ createRoutingPolicy: { id: string } }>(
      'mutation($input: CreateRoutingPolicyInput!) { createRoutingPolicy(input: $input) { id } }',
      { input: { tenantId, name: unique('policy'), document: validPolicyDocument, activate } },
    );
    return data.createRoutingPolicy.id;
  }

  async budget(tenantId: string): Promise<string> {
    const data = await this.platform.ok<{ createBudget: { id: string } }>(
      'mutation($input: CreateBudgetInput!) { createBudget(input: $input) { id } }',
      {
        input: {
          tenantId,
          name: unique('budget'),
          scopeType: 'TENANT',
          period: 'MONTHLY',
          limitNanoUsd: '5000000000',
          action: 'BLOCK',
        },
      },
    );
    return data.createBudget.id;
  }

  async rateLimit(tenantId: string): Promise<string> {
    const data = await this.platform.ok<{ createRateLimit: { id: string } }>(
      'mutation($input: CreateRateLimitInput!) { createRateLimit(input: $input) { id } }',
      { input: { tenantId, requestsPerMinute: 60 } },
    );
    return data.createRateLimit.id;
  }

  async alertChannel(tenantId: string | null): Promise<string> {
    const data = await this.platform.ok<{ createAlertChannel: { id: string } }>(
      'mutation($input: CreateAlertChannelInput!) { createAlertChannel(input: $input) { id } }',
      {
        input: {
          tenantId,
          name: unique('channel'),
          url: 'http://127.0.0.1:9/hooks/secret-path-token',
          signingSecret: `whsec-${randomBytes(16).toString('hex')}`,
        },
      },
    );
    return data.createAlertChannel.id;
  }

  /** A principal with one token; returns the token secret. */
  async principal(
    role: 'PLATFORM_ADMIN' | 'TENANT_ADMIN' | 'FINANCE',
    tenantId: string | null,
  ): Promise<{ id: string; token: string; tokenId: string }> {
    const created = await this.platform.ok<{ createAdminPrincipal: { id: string } }>(
      'mutation($input: CreateAdminPrincipalInput!) { createAdminPrincipal(input: $input) { id } }',
      { input: { name: unique(role.toLowerCase()), role, tenantId } },
    );
    const id = created.createAdminPrincipal.id;
    const token = await this.platform.ok<{
      createAdminToken: { secret: string; token: { id: string } };
    }>(
      'mutation($input: CreateAdminTokenInput!) { createAdminToken(input: $input) { secret token { id } } }',
      { input: { principalId: id } },
    );
    return { id, token: token.createAdminToken.secret, tokenId: token.createAdminToken.token.id };
  }
}
