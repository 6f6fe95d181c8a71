import { randomBytes } from 'node:crypto';
import { startMockProvider, type MockProvider } from '@switchyard/testkit';
import OpenAI from 'openai';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { unique } from './support/factories.js';
import { GraphqlClient } from './support/graphql-client.js';
import {
  startDataPlaneProcess,
  type DataPlaneProcess,
} from './support/start-data-plane-process.js';
import {
  startTestControlPlane,
  type TestControlPlane,
} from './support/start-test-control-plane.js';

/** Every committed change must reach the data plane within a second (issue 5). */
const changeDeadlineMs = 1_000;
/** The first request also waits for the data plane to load the setup; same mechanism, more slack. */
const setupDeadlineMs = 5_000;

interface Served {
  status: number;
  deployment: string | null;
  route: string | null;
  upstreamModel: unknown;
}

/**
 * Polls `attempt` until `accept` holds; fails after `deadlineMs`. A functional deadline, not a
 * benchmark: the elapsed time is returned so the test can assert it stayed under the bound.
 */
async function until(
  attempt: () => Promise<Served>,
  accept: (served: Served) => boolean,
  deadlineMs: number,
): Promise<{ served: Served; elapsedMs: number }> {
  const started = performance.now();
  let last: Served | undefined;
  while (performance.now() - started < deadlineMs) {
    last = await attempt();
    if (accept(last)) return { served: last, elapsedMs: performance.now() - started };
    await new Promise((resolveWait) => setTimeout(resolveWait, 20));
  }
  throw new Error(`not observed within ${deadlineMs} ms; last response: ${JSON.stringify(last)}`);
}

describe('end to end: GraphQL changes steer the real data plane', () => {
  const upstreamKey = `sk-mock-${randomBytes(12).toString('hex')}`;
  let mock: MockProvider;
  let controlPlane: TestControlPlane;
  let dataPlane: DataPlaneProcess;
  let admin: GraphqlClient;

  beforeAll(async () => {
    mock = await startMockProvider({
      dialects: ['openai'],
      credentials: { keys: [upstreamKey] },
      scenario: { kind: 'text', text: 'routed', usage: { inputTokens: 12, outputTokens: 3 } },
    });
    controlPlane = await startTestControlPlane();
    admin = new GraphqlClient(controlPlane.url, controlPlane.adminToken);
    dataPlane = await startDataPlaneProcess({
      redisUrl: inject('TEST_REDIS_URL'),
      redisPrefix: controlPlane.config.redisPrefix,
      masterKeys: controlPlane.masterKeys,
    });
  });
  afterAll(async () => {
    await dataPlane?.close();
    await controlPlane?.close();
    await mock?.close();
  });

  async function createModel(providerModelId: string): Promise<string> {
    const { createModel } = await admin.ok<{ createModel: { id: string } }>(
      'mutation($input: CreateModelInput!) { createModel(input: $input) { id } }',
      {
        input: {
          canonicalId: unique(providerModelId),
          providerType: 'openai',
          providerModelId,
          contextWindow: 128_000,
        },
      },
    );
    await admin.ok(
      'mutation($input: CreateModelPriceInput!) { createModelPrice(input: $input) { id } }',
      {
        input: {
          modelId: createModel.id,
          effectiveFrom: '2024-01-01T00:00:00Z',
          inputNanoUsdPerMTok: '400000000',
          outputNanoUsdPerMTok: '1600000000',
        },
      },
    );
    return createModel.id;
  }

  const policyTo = (deployment: string) => ({
    rules: [
      {
        name: `assistant-to-${deployment}`,
        when: { models: ['assistant'] },
        route: { targets: [{ deployment }] },
      },
    ],
  });

  it('follows the policy, follows a changed policy, and refuses a revoked key', async () => {
    // 1. Set up a tenant through GraphQL only.
    const { createTenant } = await admin.ok<{ createTenant: { id: string } }>(
      'mutation($input: CreateTenantInput!) { createTenant(input: $input) { id } }',
      { input: { name: 'E2E tenant', slug: unique('e2e') } },
    );
    const tenantId = createTenant.id;
    const modelA = await createModel('gpt-alpha');
    const modelB = await createModel('gpt-beta');
    const { createProviderAccount } = await admin.ok<{ createProviderAccount: { id: string } }>(
      'mutation($input: CreateProviderAccountInput!) { createProviderAccount(input: $input) { id } }',
      {
        input: {
          tenantId,
          name: 'mock openai',
          providerType: 'openai',
          baseUrl: `${mock.url}/v1`,
          upstreamKeys: [{ secret: upstreamKey }],
        },
      },
    );
    for (const [name, modelId] of [
      ['deploy-a', modelA],
      ['deploy-b', modelB],
    ]) {
      await admin.ok(
        'mutation($input: CreateDeploymentInput!) { createDeployment(input: $input) { id } }',
        { input: { tenantId, name, modelId, providerAccountId: createProviderAccount.id } },
      );
    }
    await admin.ok(
      'mutation($input: CreateModelAliasInput!) { createModelAlias(input: $input) { id } }',
      { input: { tenantId, alias: 'assistant', modelId: modelA } },
    );
    const { createRoutingPolicy } = await admin.ok<{ createRoutingPolicy: { id: string } }>(
      'mutation($input: CreateRoutingPolicyInput!) { createRoutingPolicy(input: $input) { id } }',
      { input: { tenantId, name: 'e2e', document: policyTo('deploy-a'), activate: true } },
    );
    const { createApiKey } = await admin.ok<{
      createApiKey: { apiKey: { id: string }; secret: string };
    }>(
      'mutation($input: CreateApiKeyInput!) { createApiKey(input: $input) { apiKey { id } secret } }',
      { input: { tenantId, name: 'e2e key' } },
    );

    // 2. Call the gateway with the official OpenAI client, as a customer would.
    const client = new OpenAI({
      apiKey: createApiKey.secret,
      baseURL: `${dataPlane.url}/v1`,
      maxRetries: 0,
    });
    const ask = async (): Promise<Served> => {
      const before = mock.requests.length;
      try {
        const { data, response } = await client.chat.completions
          .create({ model: 'assistant', messages: [{ role: 'user', content: 'Which way?' }] })
          .withResponse();
        expect(data.choices[0]?.message.content).toBe('routed');
        const upstream = mock.requests.slice(before).at(-1);
        expect(upstream?.headers.authorization).toBe(`Bearer ${upstreamKey}`);
        return {
          status: response.status,
          deployment: response.headers.get('x-switchyard-deployment'),
          route: response.headers.get('x-switchyard-route'),
          upstreamModel: (upstream?.body as { model?: unknown } | undefined)?.model,
        };
      } catch (error) {
        if (error instanceof OpenAI.APIError)
          return { status: error.status ?? 0, deployment: null, route: null, upstreamModel: null };
        throw error;
      }
    };

    const first = await until(ask, (served) => served.status === 200, setupDeadlineMs);
    expect(first.served, dataPlane.output()).toEqual({
      status: 200,
      deployment: 'deploy-a',
      route: 'assistant-to-deploy-a',
      upstreamModel: 'gpt-alpha',
    });

    // 3. Change the policy: the next requests go to deployment B within a second.
    await admin.ok(
      'mutation($id: ID!, $document: JSON) { updateRoutingPolicy(id: $id, input: { document: $document, activate: true }) { id } }',
      { id: createRoutingPolicy.id, document: policyTo('deploy-b') },
    );
    const rerouted = await until(
      ask,
      (served) => served.deployment === 'deploy-b',
      changeDeadlineMs,
    );
    expect(rerouted.served).toEqual({
      status: 200,
      deployment: 'deploy-b',
      route: 'assistant-to-deploy-b',
      upstreamModel: 'gpt-beta',
    });
    expect(rerouted.elapsedMs).toBeLessThan(changeDeadlineMs);

    // 4. Revoke the key: refused with 401 within a second, and the upstream is never called.
    await admin.ok('mutation($id: ID!) { revokeApiKey(id: $id) { id } }', {
      id: createApiKey.apiKey.id,
    });
    const revoked = await until(ask, (served) => served.status === 401, changeDeadlineMs);
    expect(revoked.elapsedMs).toBeLessThan(changeDeadlineMs);
    const calls = mock.requests.length;
    expect((await ask()).status).toBe(401);
    expect(mock.requests.length).toBe(calls);
  });
});
