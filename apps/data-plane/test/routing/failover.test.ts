import OpenAI from 'openai';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { routingPolicyDocumentSchema } from '@switchyard/policy';
import {
  SnapshotBuilder,
  createTestKeyRing,
  startMockProvider,
  type MockFaultRule,
  type MockProvider,
} from '@switchyard/testkit';
import { startRoutingGateway, type RoutingGateway } from './support/start-routing-gateway.js';

/**
 * Failover through the real gateway: each error class moves the request to the next allowed
 * target, retry-after is honoured, governance (residency) and pins hold while failing over, and
 * when everything fails the caller gets every attempt.
 */
describe('failover', () => {
  const mocks: Record<string, MockProvider> = {};
  let gateway: RoutingGateway;
  let client: OpenAI;
  let retryClient: OpenAI;
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    for (const name of [
      'primary',
      'secondary',
      'usOnly',
      'other',
      'retry',
      'small',
      'large',
      'pinnedOnly',
    ]) {
      mocks[name] = await startMockProvider();
    }
    const { ring, text } = createTestKeyRing();
    const builder = new SnapshotBuilder(ring);
    const failover = {
      retriesPerTarget: 0,
      totalTimeoutMs: 400,
      connectTimeoutMs: 300,
      backoffMs: 10,
    };
    const tenant = builder.tenant({
      allowedRegions: ['eu-west'],
      routingPolicy: routingPolicyDocumentSchema.parse({
        rules: [
          {
            name: 'strict-context',
            when: { models: ['strict-ctx'] },
            route: {
              allowLargerContext: false,
              targets: [{ model: 'small-2025' }, { model: 'large-2025' }],
            },
          },
        ],
        failover,
      }),
    });
    const { key } = builder.apiKey(tenant);
    const account = (name: string, region: string) =>
      builder.providerAccount({
        providerType: 'openai',
        baseUrl: `${mocks[name]!.url}/v1`,
        keys: ['sk'],
        region,
      });
    const model = builder.model({ canonicalId: 'chat-model-2025', providerType: 'openai' });
    ids.primary = builder.deployment(model, account('primary', 'eu-west'), {
      name: 'primary',
      weight: 3,
    }).id;
    ids.usOnly = builder.deployment(model, account('usOnly', 'us-east'), {
      name: 'us-only',
      weight: 2,
    }).id;
    ids.secondary = builder.deployment(model, account('secondary', 'eu-west'), {
      name: 'secondary',
      weight: 1,
    }).id;
    builder.alias('chat', model, tenant);
    const other = builder.model({ canonicalId: 'other-model-2025', providerType: 'openai' });
    ids.other = builder.deployment(other, account('other', 'eu-west'), { name: 'other' }).id;
    const pinnedOnly = builder.model({ canonicalId: 'pinned-only-2025', providerType: 'openai' });
    builder.deployment(pinnedOnly, account('pinnedOnly', 'eu-west'), { name: 'pinned-only' });
    builder.alias('pinned-only', pinnedOnly, tenant);
    builder.alias('with-fallback', pinnedOnly, tenant, [other]);
    const dead = builder.providerAccount({
      providerType: 'openai',
      baseUrl: 'http://127.0.0.1:1/v1',
      keys: ['sk'],
      region: 'eu-west',
    });
    const refused = builder.model({ canonicalId: 'refused-first-2025', providerType: 'openai' });
    builder.deployment(refused, dead, { name: 'dead', weight: 2 });
    builder.deployment(refused, account('secondary', 'eu-west'), { name: 'alive', weight: 1 });
    const small = builder.model({
      id: 'small',
      canonicalId: 'small-2025',
      providerType: 'openai',
      contextWindow: 1_000,
    });
    const large = builder.model({
      id: 'large',
      canonicalId: 'large-2025',
      providerType: 'openai',
      contextWindow: 1_000_000,
    });
    ids.small = builder.deployment(small, account('small', 'eu-west'), { name: 'small' }).id;
    ids.large = builder.deployment(large, account('large', 'eu-west'), { name: 'large' }).id;
    builder.alias('ctx', small, tenant, [large]);
    builder.alias('strict-ctx', small, tenant);

    // A tenant that retries the same target, to watch retry-after being honoured.
    const retryTenant = builder.tenant({
      routingPolicy: routingPolicyDocumentSchema.parse({
        failover: { retriesPerTarget: 1, backoffMs: 100 },
      }),
    });
    const retryKey = builder.apiKey(retryTenant).key;
    const retryModel = builder.model({ canonicalId: 'retry-model-2025', providerType: 'openai' });
    builder.deployment(retryModel, account('retry', 'eu-west'), { name: 'retry' });

    // Breakers out of the way: these tests fail the same deployment on purpose, again and again.
    const breaker = {
      consecutiveFailures: 1_000,
      windowSize: 10,
      minimumRequests: 1_000,
      failureRateThreshold: 1,
      coolDownMs: 1,
      probeRequests: 1,
    };
    gateway = await startRoutingGateway(builder.build(), text, { health: { breaker } });
    client = new OpenAI({ baseURL: gateway.baseUrl, apiKey: key, maxRetries: 0 });
    retryClient = new OpenAI({ baseURL: gateway.baseUrl, apiKey: retryKey, maxRetries: 0 });
  });

  afterAll(async () => {
    await gateway?.close();
    await Promise.all(Object.values(mocks).map((mock) => mock.close()));
  });

  beforeEach(() => {
    for (const mock of Object.values(mocks)) mock.reset();
    gateway.sleeps.length = 0;
  });

  const ask = (model = 'chat', content = 'Hello') =>
    client.chat.completions.create({ model, messages: [{ role: 'user', content }] }).withResponse();

  const errorClasses: { name: string; fault: MockFaultRule; code: string }[] = [
    { name: '500', fault: { status: 500 }, code: 'upstream_server_error' },
    { name: '503', fault: { status: 503 }, code: 'upstream_overloaded' },
    { name: '429', fault: { status: 429 }, code: 'upstream_rate_limited' },
    { name: '408', fault: { status: 408 }, code: 'upstream_timeout' },
    { name: 'a timeout', fault: { latencyMs: 2_000 }, code: 'upstream_timeout' },
    {
      name: 'a reset connection',
      fault: { connectionReset: true },
      code: 'upstream_connect_error',
    },
  ];

  for (const { name, fault, code } of errorClasses) {
    it(`fails over on ${name} to the next allowed target, and says so`, async () => {
      mocks.primary!.setFaults({ ...fault, times: 1 });
      const { data, response } = await ask();
      expect(data.choices[0]?.message.content).toMatch(/\S/);
      expect(response.headers.get('x-switchyard-deployment')).toBe('secondary');
      expect(response.headers.get('x-switchyard-attempts')).toBe('2');
      expect(response.headers.get('x-switchyard-failover')).toBe(`${ids.primary}:${code}`);
      expect(response.headers.get('x-switchyard-route')).toBe('default');
      expect(mocks.usOnly!.requests).toHaveLength(0);
      const event = gateway.usageEvents.at(-1)!;
      expect(event).toMatchObject({
        routeRule: 'default',
        deploymentId: ids.secondary,
        status: 200,
      });
      expect(event.attempts?.map((attempt) => attempt.code)).toEqual([code, null]);
    });
  }

  it('fails over when the connection is refused', async () => {
    const { response } = await ask('refused-first-2025');
    expect(response.headers.get('x-switchyard-deployment')).toBe('alive');
    expect(response.headers.get('x-switchyard-failover')).toMatch(/:upstream_connect_error$/);
  });

  it('honours retry-after before retrying the same target', async () => {
    mocks.retry!.setFaults({ status: 429, headers: { 'retry-after-ms': '250' }, times: 1 });
    const { response } = await retryClient.chat.completions
      .create({ model: 'retry-model-2025', messages: [{ role: 'user', content: 'Hi' }] })
      .withResponse();
    expect(response.headers.get('x-switchyard-attempts')).toBe('2');
    // Jitter alone would wait 50 ms (0.5 × 100); the provider asked for 250.
    expect(gateway.sleeps).toEqual([250]);
    const [first, second] = mocks.retry!.requests;
    expect(second!.receivedAt.getTime() - first!.receivedAt.getTime()).toBeGreaterThanOrEqual(240);
  });

  it('answers 502 listing every attempt when every allowed target fails, never leaving the allowed regions or the pinned model', async () => {
    mocks.primary!.setFaults({ status: 500 });
    mocks.secondary!.setFaults({ status: 502 });
    const failure = await ask().catch((error: unknown) => error);
    expect(failure).toMatchObject({ status: 502, code: 'all_attempts_failed' });
    const body = (failure as { error: { attempts: { deploymentId: string; code: string }[] } })
      .error;
    expect(body.attempts.map((attempt) => [attempt.deploymentId, attempt.code])).toEqual([
      [ids.primary, 'upstream_server_error'],
      [ids.secondary, 'upstream_server_error'],
    ]);
    expect(mocks.usOnly!.requests).toHaveLength(0);
    expect(mocks.other!.requests).toHaveLength(0);
    expect(gateway.usageEvents.at(-1)).toMatchObject({
      status: 502,
      errorCode: 'all_attempts_failed',
    });
  });

  it('never substitutes another model for a pinned version without a named fallback', async () => {
    mocks.pinnedOnly!.setFaults({ status: 500 });
    await expect(ask('pinned-only')).rejects.toMatchObject({ status: 502 });
    expect(mocks.other!.requests).toHaveLength(0);
    const { response } = await ask('with-fallback');
    expect(response.headers.get('x-switchyard-model-id')).toBe('other-model-2025');
    expect(mocks.other!.requests).toHaveLength(1);
  });

  it('sends a prompt too long for the pinned window to the larger-context fallback', async () => {
    const { response } = await ask('ctx', 'word '.repeat(2_000));
    expect(response.headers.get('x-switchyard-deployment')).toBe('large');
    expect(mocks.small!.requests).toHaveLength(0);
  });

  it("refuses with 400 context_length_exceeded naming the model's window when the route does not allow a larger one", async () => {
    await expect(ask('strict-ctx', 'word '.repeat(2_000))).rejects.toMatchObject({
      status: 400,
      code: 'context_length_exceeded',
      param: 'messages',
      message: expect.stringContaining('1000-token context window of small-2025'),
    });
    expect(mocks.small!.requests).toHaveLength(0);
    expect(mocks.large!.requests).toHaveLength(0);
  });

  it('moves on to a larger window when the provider itself says the prompt is too long', async () => {
    mocks.small!.setFaults({
      status: 400,
      body: {
        error: {
          message: "This model's maximum context length is 1000 tokens",
          type: 'invalid_request_error',
          code: 'context_length_exceeded',
        },
      },
      times: 1,
    });
    const { response } = await ask('ctx', 'short enough by our estimate');
    expect(response.headers.get('x-switchyard-deployment')).toBe('large');
    expect(response.headers.get('x-switchyard-failover')).toBe(
      `${ids.small}:context_length_exceeded`,
    );
  });
});
