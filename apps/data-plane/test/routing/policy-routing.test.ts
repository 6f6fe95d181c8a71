import OpenAI from 'openai';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { UpstreamError } from '@switchyard/errors';
import { routingPolicyDocumentSchema } from '@switchyard/policy';
import {
  SnapshotBuilder,
  createTestKeyRing,
  startMockProvider,
  testPrice,
  type MockProvider,
} from '@switchyard/testkit';
import { startRoutingGateway, type RoutingGateway } from './support/start-routing-gateway.js';

interface Explanation {
  route: { name: string; strategy: string; rule_index: number | null };
  request_features: {
    estimated_prompt_tokens: number;
    tools: boolean;
    tags: Record<string, string>;
  };
  candidates: { deployment: string; rank: number; model: string }[];
  excluded: {
    deployment: string | null;
    reason: string;
    fault: string;
    setting: string;
    detail: string;
  }[];
  error: { status: number; code: string; message: string } | null;
}

const price = (dollarsPerMTok: number) => ({
  ...testPrice,
  input: dollarsPerMTok * 1_000_000_000,
  output: dollarsPerMTok * 1_000_000_000,
});

/**
 * The routing policy as data: the first matching rule decides (by header, tag or feature), its
 * strategy orders the allowed targets, and the explain endpoint tells the same story without
 * calling anyone.
 */
describe('routing policies and the explain endpoint', () => {
  const mocks: Record<string, MockProvider> = {};
  let gateway: RoutingGateway;
  let client: OpenAI;
  let key: string;

  beforeAll(async () => {
    for (const name of ['cheap', 'mid', 'top', 'premium', 'us', 'notools'])
      mocks[name] = await startMockProvider();
    const { ring, text } = createTestKeyRing();
    const builder = new SnapshotBuilder(ring);
    const tenant = builder.tenant({
      blockedProviders: ['mistral'],
      routingPolicy: routingPolicyDocumentSchema.parse({
        rules: [
          {
            name: 'gold-tier',
            when: { headers: { 'x-tier': 'gold' } },
            route: { targets: [{ deployment: 'premium' }] },
          },
          {
            name: 'search-team',
            when: { tags: { team: 'search' } },
            route: {
              strategy: 'lowest-cost',
              minQuality: 80,
              targets: [{ model: 'cheap-2025' }, { model: 'top-2025' }, { model: 'mid-2025' }],
            },
          },
          {
            name: 'eu-only',
            when: { tags: { team: 'legal' } },
            route: {
              regions: ['eu-west'],
              targets: [{ deployment: 'us' }, { deployment: 'blocked' }],
            },
          },
        ],
        failover: { retriesPerTarget: 0 },
      }),
    });
    key = builder.apiKey(tenant).key;
    const account = (name: string, region = 'eu-west', providerType = 'openai') =>
      builder.providerAccount({
        providerType,
        baseUrl: `${mocks[name]!.url}/v1`,
        keys: ['sk'],
        region,
      });
    const model = (
      canonicalId: string,
      qualityScore: number,
      dollars: number,
      capabilities?: ('tools' | 'json_schema')[],
    ) =>
      builder.model({
        canonicalId,
        providerType: 'openai',
        qualityScore,
        prices: [price(dollars)],
        ...(capabilities ? { capabilities } : {}),
      });
    const cheap = model('cheap-2025', 60, 1);
    const mid = model('mid-2025', 85, 3);
    const top = model('top-2025', 95, 10);
    builder.deployment(cheap, account('cheap'), { name: 'cheap' });
    builder.deployment(mid, account('mid'), { name: 'mid' });
    builder.deployment(top, account('top'), { name: 'top' });
    builder.deployment(top, account('premium'), { name: 'premium' });
    builder.deployment(mid, account('us', 'us-east'), { name: 'us' });
    builder.deployment(mid, account('us', 'eu-west', 'mistral'), { name: 'blocked' });
    const noTools = model('no-tools-2025', 70, 1, ['json_schema']);
    builder.deployment(noTools, account('notools'), { name: 'notools' });
    builder.alias('assistant', mid, tenant);
    gateway = await startRoutingGateway(builder.build(), text);
    client = new OpenAI({ baseURL: gateway.baseUrl, apiKey: key, maxRetries: 0 });
  });

  afterAll(async () => {
    await gateway?.close();
    await Promise.all(Object.values(mocks).map((mock) => mock.close()));
  });

  beforeEach(() => {
    for (const mock of Object.values(mocks)) mock.reset();
  });

  const ask = (headers: Record<string, string> = {}, model = 'assistant') =>
    client.chat.completions
      .create({ model, messages: [{ role: 'user', content: 'Hi' }] }, { headers })
      .withResponse();

  async function explain(
    body: Record<string, unknown>,
    headers: Record<string, string> = {},
  ): Promise<{ status: number; json: Explanation }> {
    const response = await fetch(`${gateway.url}/v1/switchyard/explain`, {
      method: 'POST',
      headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json', ...headers },
      body: JSON.stringify({
        messages: [{ role: 'user', content: 'Hi' }],
        model: 'assistant',
        ...body,
      }),
    });
    return { status: response.status, json: (await response.json()) as Explanation };
  }

  it('serves the pinned model on the default route when no rule matches', async () => {
    const { response } = await ask();
    expect(response.headers.get('x-switchyard-route')).toBe('default');
    expect(response.headers.get('x-switchyard-route-strategy')).toBe('priority');
    expect(response.headers.get('x-switchyard-deployment')).toBe('mid');
  });

  it('routes by a request header to the rule it names', async () => {
    const { response } = await ask({ 'x-tier': 'gold' });
    expect(response.headers.get('x-switchyard-route')).toBe('gold-tier');
    expect(response.headers.get('x-switchyard-deployment')).toBe('premium');
    expect(gateway.usageEvents.at(-1)).toMatchObject({ routeRule: 'gold-tier' });
  });

  it('routes by tag to the cheapest target that meets the quality floor', async () => {
    const { response } = await ask({ 'x-switchyard-tags': 'team:search' });
    expect(response.headers.get('x-switchyard-route')).toBe('search-team');
    expect(response.headers.get('x-switchyard-route-strategy')).toBe('lowest-cost');
    expect(response.headers.get('x-switchyard-deployment')).toBe('mid');
    expect(mocks.cheap!.requests).toHaveLength(0);
  });

  it('refuses with 403 naming the rule and the setting that excluded each target', async () => {
    const failure = await ask({ 'x-switchyard-tags': 'team:legal' }).catch(
      (error: unknown) => error,
    );
    expect(failure).toMatchObject({ status: 403, code: 'no_allowed_route' });
    const message = (failure as Error).message;
    expect(message).toContain("route 'eu-only'");
    expect(message).toContain("route_region by rule 'eu-only' route.regions");
    expect(message).toContain('tenant_provider_blocked by tenant.blockedProviders');
    expect(mocks.us!.requests).toHaveLength(0);
  });

  it('refuses a request needing a capability the model lacks with a 400 naming the parameter', async () => {
    await expect(
      client.chat.completions.create({
        model: 'no-tools-2025',
        messages: [{ role: 'user', content: 'Hi' }],
        tools: [{ type: 'function', function: { name: 'lookup', parameters: { type: 'object' } } }],
      }),
    ).rejects.toMatchObject({ status: 400, code: 'unsupported_capability', param: 'tools' });
    expect(mocks.notools!.requests).toHaveLength(0);
  });

  it('explains the route, the ranked candidates and every exclusion without calling a provider', async () => {
    const { status, json } = await explain({}, { 'x-switchyard-tags': 'team:search' });
    expect(status).toBe(200);
    expect(json.route).toMatchObject({
      name: 'search-team',
      strategy: 'lowest-cost',
      rule_index: 1,
    });
    expect(json.request_features).toMatchObject({ tools: false, tags: { team: 'search' } });
    expect(json.request_features.estimated_prompt_tokens).toBeGreaterThan(0);
    // Cheapest first among those at or above the floor; deployments of one model keep their order.
    expect(json.candidates.map((candidate) => candidate.deployment)).toEqual([
      'mid',
      'us',
      'top',
      'premium',
    ]);
    expect(json.excluded).toEqual([
      expect.objectContaining({
        deployment: 'cheap',
        reason: 'quality_floor',
        fault: 'policy',
        setting: "rule 'search-team' route.minQuality",
      }),
      expect.objectContaining({
        deployment: 'blocked',
        reason: 'tenant_provider_blocked',
        fault: 'policy',
        setting: 'tenant.blockedProviders',
      }),
    ]);
    expect(json.error).toBeNull();
    for (const mock of Object.values(mocks)) expect(mock.requests).toHaveLength(0);
  });

  it('explains residency, blocked providers, capabilities and open breakers', async () => {
    const legal = await explain({}, { 'x-switchyard-tags': 'team:legal' });
    expect(legal.json.excluded.map((entry) => [entry.deployment, entry.reason])).toEqual([
      ['us', 'route_region'],
      ['blocked', 'tenant_provider_blocked'],
    ]);
    expect(legal.json.error).toMatchObject({ status: 403, code: 'no_allowed_route' });

    const tools = await explain({
      model: 'no-tools-2025',
      tools: [{ type: 'function', function: { name: 'lookup' } }],
    });
    expect(tools.json.excluded).toEqual([
      expect.objectContaining({ deployment: 'notools', reason: 'capability', fault: 'caller' }),
    ]);
    expect(tools.json.error).toMatchObject({ status: 400, code: 'unsupported_capability' });

    const report = (await fetch(`${gateway.url}/v1/switchyard/health`, {
      headers: { authorization: `Bearer ${key}` },
    }).then((response) => response.json())) as {
      deployments: { deploymentId: string; name: string }[];
    };
    const idOf = (name: string) =>
      report.deployments.find((entry) => entry.name === name)!.deploymentId;
    const failure = new UpstreamError('down', {
      code: 'upstream_server_error',
      status: 502,
      fault: 'provider',
    });
    const breakDeployment = (id: string) => {
      for (let index = 0; index < 5; index++)
        gateway.health.recordFailure(
          id,
          gateway.health.admit(id, Date.now()),
          failure,
          10,
          Date.now(),
        );
    };
    breakDeployment(idOf('mid'));
    const degraded = await explain({});
    expect(degraded.json.candidates.map((candidate) => candidate.deployment)).toEqual(['us']);
    expect(degraded.json.excluded[0]).toMatchObject({
      deployment: 'mid',
      reason: 'open_breaker',
      fault: 'provider',
    });
    breakDeployment(idOf('us'));
    const broken = await explain({});
    expect(broken.json.candidates).toEqual([]);
    expect(broken.json.error).toMatchObject({ status: 503, code: 'no_healthy_route' });
  });

  it('answers explain errors in OpenAI error JSON and requires a gateway key', async () => {
    const unknown = await explain({ model: 'nope' });
    expect(unknown.status).toBe(404);
    expect(unknown.json).toMatchObject({ error: { code: 'model_not_found' } });
    const anonymous = await fetch(`${gateway.url}/v1/switchyard/explain`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{}',
    });
    expect(anonymous.status).toBe(401);
  });
});
