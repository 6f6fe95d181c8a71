import OpenAI from 'openai';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { dataPlaneHealthReportSchema, routingPolicyDocumentSchema } from '@switchyard/policy';
import {
  SnapshotBuilder,
  createTestKeyRing,
  startMockProvider,
  type MockProvider,
} from '@switchyard/testkit';
import { startRoutingGateway, type RoutingGateway } from './support/start-routing-gateway.js';

/**
 * Health drives routing: a failing deployment's breaker opens (traffic stops reaching it),
 * half-opens after its cool-down for one probe and closes when the probe succeeds; a slowing
 * provider loses lowest-latency traffic. The health endpoint shows it all to the key's tenant.
 */
describe('health: circuit breakers, latency routing and the health endpoint', () => {
  const mocks: Record<string, MockProvider> = {};
  let gateway: RoutingGateway;
  let client: OpenAI;
  let key: string;
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    for (const name of ['primary', 'secondary', 'slow', 'fast', 'foreign'])
      mocks[name] = await startMockProvider();
    const { ring, text } = createTestKeyRing();
    const builder = new SnapshotBuilder(ring);
    const tenant = builder.tenant({
      routingPolicy: routingPolicyDocumentSchema.parse({
        rules: [
          {
            name: 'fastest',
            when: { models: ['latency'] },
            route: {
              strategy: 'lowest-latency',
              targets: [{ deployment: 'slow' }, { deployment: 'fast' }],
            },
          },
        ],
        failover: { retriesPerTarget: 0 },
      }),
    });
    key = builder.apiKey(tenant).key;
    const account = (name: string, tenantId: string | null = null) =>
      builder.providerAccount({
        providerType: 'openai',
        baseUrl: `${mocks[name]!.url}/v1`,
        keys: ['sk'],
        tenantId,
      });
    const model = builder.model({ canonicalId: 'breaker-model-2025', providerType: 'openai' });
    ids.primary = builder.deployment(model, account('primary'), { name: 'primary', weight: 2 }).id;
    ids.secondary = builder.deployment(model, account('secondary'), {
      name: 'secondary',
      weight: 1,
    }).id;
    const latencyModel = builder.model({
      canonicalId: 'latency-model-2025',
      providerType: 'openai',
    });
    ids.slow = builder.deployment(latencyModel, account('slow'), { name: 'slow' }).id;
    ids.fast = builder.deployment(latencyModel, account('fast'), { name: 'fast' }).id;
    builder.alias('latency', latencyModel, tenant);
    const otherTenant = builder.tenant();
    ids.foreign = builder.deployment(model, account('foreign', otherTenant.id), {
      name: 'foreign',
      tenantId: otherTenant.id,
    }).id;
    gateway = await startRoutingGateway(builder.build(), text, {
      health: {
        breaker: {
          consecutiveFailures: 2,
          windowSize: 20,
          minimumRequests: 10,
          failureRateThreshold: 0.5,
          coolDownMs: 30_000,
          probeRequests: 1,
        },
      },
    });
    client = new OpenAI({ baseURL: gateway.baseUrl, apiKey: key, maxRetries: 0 });
  });

  afterAll(async () => {
    await gateway?.close();
    await Promise.all(Object.values(mocks).map((mock) => mock.close()));
  });

  beforeEach(() => {
    for (const mock of Object.values(mocks)) mock.reset();
  });

  const ask = (model: string) =>
    client.chat.completions
      .create({ model, messages: [{ role: 'user', content: 'Hi' }] })
      .withResponse();

  async function healthOf(deploymentId: string) {
    const response = await fetch(`${gateway.url}/v1/switchyard/health`, {
      headers: { authorization: `Bearer ${key}` },
    });
    const report = dataPlaneHealthReportSchema.parse(await response.json());
    return {
      report,
      deployment: report.deployments.find((entry) => entry.deploymentId === deploymentId),
    };
  }

  it('opens the breaker after consecutive failures, then stops sending traffic to the deployment', async () => {
    mocks.primary!.setFaults({ status: 500 });
    for (let index = 0; index < 2; index++) {
      const { response } = await ask('breaker-model-2025');
      expect(response.headers.get('x-switchyard-deployment')).toBe('secondary');
    }
    expect((await healthOf(ids.primary!)).deployment?.breaker.state).toBe('open');
    const before = mocks.primary!.requests.length;
    const { response } = await ask('breaker-model-2025');
    expect(response.headers.get('x-switchyard-deployment')).toBe('secondary');
    expect(response.headers.get('x-switchyard-attempts')).toBe('1');
    expect(mocks.primary!.requests.length).toBe(before);
  });

  it('half-opens after the cool-down, lets one probe through and closes when it succeeds', async () => {
    mocks.primary!.setFaults([]);
    gateway.advanceClock(30_001);
    expect((await healthOf(ids.primary!)).deployment?.breaker.state).toBe('half_open');
    const probe = await ask('breaker-model-2025');
    expect(probe.response.headers.get('x-switchyard-deployment')).toBe('primary');
    expect((await healthOf(ids.primary!)).deployment?.breaker.state).toBe('closed');
    const next = await ask('breaker-model-2025');
    expect(next.response.headers.get('x-switchyard-deployment')).toBe('primary');
  });

  it('reopens when the probe fails', async () => {
    mocks.primary!.setFaults({ status: 500 });
    await ask('breaker-model-2025');
    await ask('breaker-model-2025');
    expect((await healthOf(ids.primary!)).deployment?.breaker.state).toBe('open');
    gateway.advanceClock(30_001);
    const probe = await ask('breaker-model-2025');
    expect(probe.response.headers.get('x-switchyard-failover')).toBe(
      `${ids.primary}:upstream_server_error`,
    );
    expect((await healthOf(ids.primary!)).deployment?.breaker.state).toBe('open');
    mocks.primary!.setFaults([]);
  });

  it('moves lowest-latency traffic away from a provider that slows down', async () => {
    mocks.slow!.setFaults({ latencyMs: 300 });
    // Both unmeasured: each gets measured once, in target order.
    expect((await ask('latency')).response.headers.get('x-switchyard-deployment')).toBe('slow');
    expect((await ask('latency')).response.headers.get('x-switchyard-deployment')).toBe('fast');
    for (let index = 0; index < 3; index++) {
      expect((await ask('latency')).response.headers.get('x-switchyard-deployment')).toBe('fast');
    }
    mocks.fast!.setFaults({ latencyMs: 1_500 });
    expect((await ask('latency')).response.headers.get('x-switchyard-deployment')).toBe('fast');
    const after: (string | null)[] = [];
    for (let index = 0; index < 3; index++)
      after.push((await ask('latency')).response.headers.get('x-switchyard-deployment'));
    expect(after).toEqual(['slow', 'slow', 'slow']);
    expect((await ask('latency')).response.headers.get('x-switchyard-route')).toBe('fastest');
  });

  it("shows the key's tenant its deployments' health, and nothing of other tenants", async () => {
    const { report, deployment } = await healthOf(ids.fast!);
    expect(report.instanceId).toBe('routing-test');
    expect(deployment).toMatchObject({
      name: 'fast',
      provider: 'openai',
      breaker: { state: 'closed' },
    });
    expect(deployment!.latencyMs).toBeGreaterThan(0);
    expect(deployment!.samples).toBeGreaterThan(0);
    expect(report.deployments.map((entry) => entry.deploymentId)).not.toContain(ids.foreign);
    const anonymous = await fetch(`${gateway.url}/v1/switchyard/health`);
    expect(anonymous.status).toBe(401);
  });
});
