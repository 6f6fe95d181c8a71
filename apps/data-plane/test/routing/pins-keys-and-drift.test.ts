import OpenAI from 'openai';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { routingPolicyDocumentSchema } from '@switchyard/policy';
import {
  SnapshotBuilder,
  createTestKeyRing,
  startMockProvider,
  type MockProvider,
} from '@switchyard/testkit';
import { startRoutingGateway, type RoutingGateway } from './support/start-routing-gateway.js';

/**
 * Version pins (deprecation warnings, drift recorded in the usage event) and upstream key
 * rotation (round robin; a key that got a 429 rests for its retry-after while the others carry
 * the load).
 */
describe('pins, key rotation and drift', () => {
  let rotating: MockProvider;
  let drifting: MockProvider;
  let echoing: MockProvider;
  let gateway: RoutingGateway;
  let client: OpenAI;

  beforeAll(async () => {
    rotating = await startMockProvider({ credentials: { keys: ['sk-one', 'sk-two'] } });
    drifting = await startMockProvider({ servedModel: 'gpt-4o-2024-11-20' });
    echoing = await startMockProvider({ servedModel: 'gpt-4.1-nano-2025-04-14' });
    const { ring, text } = createTestKeyRing();
    const builder = new SnapshotBuilder(ring);
    const tenant = builder.tenant({
      routingPolicy: routingPolicyDocumentSchema.parse({ failover: { retriesPerTarget: 1 } }),
    });
    const key = builder.apiKey(tenant).key;
    const rotatingAccount = builder.providerAccount({
      providerType: 'openai',
      baseUrl: `${rotating.url}/v1`,
      keys: ['sk-one', 'sk-two'],
    });
    const old = builder.model({
      canonicalId: 'gpt-4-0613',
      providerType: 'openai',
      providerModelId: 'gpt-4-0613',
      deprecatedAt: '2024-06-06T00:00:00.000Z',
    });
    builder.deployment(old, rotatingAccount, { name: 'old' });
    const current = builder.model({ canonicalId: 'current-2025', providerType: 'openai' });
    builder.deployment(current, rotatingAccount, { name: 'rotating' });
    const pinned = builder.model({
      canonicalId: 'gpt-4.1-nano-2025-04-14',
      providerType: 'openai',
      providerModelId: 'gpt-4.1-nano',
    });
    builder.deployment(
      pinned,
      builder.providerAccount({
        providerType: 'openai',
        baseUrl: `${drifting.url}/v1`,
        keys: ['sk'],
      }),
      { name: 'drifting' },
    );
    builder.alias('nano', pinned, tenant);
    const echoed = builder.model({
      canonicalId: 'echo-2025',
      providerType: 'openai',
      providerModelId: 'gpt-4.1-nano',
    });
    builder.deployment(
      echoed,
      builder.providerAccount({
        providerType: 'openai',
        baseUrl: `${echoing.url}/v1`,
        keys: ['sk'],
      }),
      { name: 'echoing' },
    );
    gateway = await startRoutingGateway(builder.build(), text);
    client = new OpenAI({ baseURL: gateway.baseUrl, apiKey: key, maxRetries: 0 });
  });

  afterAll(async () => {
    await gateway?.close();
    await Promise.all([rotating, drifting, echoing].map((mock) => mock?.close()));
  });

  beforeEach(() => {
    rotating.reset();
    gateway.sleeps.length = 0;
  });

  const ask = (model: string) =>
    client.chat.completions
      .create({ model, messages: [{ role: 'user', content: 'Hi' }] })
      .withResponse();
  const keysUsed = () => rotating.requests.map((request) => request.headers.authorization);

  it('warns in a header when the pinned version is past its deprecation date', async () => {
    const { response } = await ask('gpt-4-0613');
    expect(response.headers.get('x-switchyard-warning')).toBe(
      'model gpt-4-0613 is deprecated since 2024-06-06',
    );
    expect((await ask('current-2025')).response.headers.get('x-switchyard-warning')).toBeNull();
  });

  it("spreads requests over the account's keys, and rests a key that got a 429 while the other serves at once", async () => {
    for (let index = 0; index < 4; index++) await ask('current-2025');
    expect(new Set(keysUsed().slice(0, 2))).toEqual(new Set(['Bearer sk-one', 'Bearer sk-two']));
    expect(keysUsed()[2]).toBe(keysUsed()[0]);
    rotating.reset();
    rotating.setFaults({ status: 429, headers: { 'retry-after': '60' }, times: 1 });
    const { response } = await ask('current-2025');
    expect(response.headers.get('x-switchyard-attempts')).toBe('2');
    // The other key was free: no waiting out the rested key's 60 s.
    expect(gateway.sleeps.every((ms) => ms < 1_000)).toBe(true);
    const [limitedKey, otherKey] = keysUsed();
    expect(otherKey).not.toBe(limitedKey);
    for (let index = 0; index < 3; index++) await ask('current-2025');
    expect(keysUsed().slice(2)).toEqual([otherKey, otherKey, otherKey]);
  });

  it('records drift in the usage event when the provider answers with another model than the pinned one', async () => {
    const { response } = await ask('nano');
    expect(response.headers.get('x-switchyard-model-id')).toBe('gpt-4.1-nano-2025-04-14');
    expect(response.headers.get('x-switchyard-model')).toBe('gpt-4o-2024-11-20');
    expect(gateway.usageEvents.at(-1)).toMatchObject({
      requestedModel: 'nano',
      servedModel: 'gpt-4o-2024-11-20',
      modelDrift: true,
    });
  });

  it('does not call the usual dated echo of an undated id drift', async () => {
    await ask('echo-2025');
    expect(gateway.usageEvents.at(-1)).toMatchObject({
      servedModel: 'gpt-4.1-nano-2025-04-14',
      modelDrift: false,
    });
  });
});
