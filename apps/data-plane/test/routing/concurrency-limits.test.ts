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
 * deployment.maxConcurrency: requests beyond the limit wait in a bounded queue instead of being
 * dropped; when the wait would outlast the request's deadline they fail with 429
 * `deployment_busy` — or move to another allowed target if there is one.
 */
describe('per-deployment concurrency limits', () => {
  let limited: MockProvider;
  let free: MockProvider;
  let gateway: RoutingGateway;
  let patient: OpenAI;
  let hurried: OpenAI;
  let limitedId: string;

  beforeAll(async () => {
    limited = await startMockProvider();
    free = await startMockProvider();
    const { ring, text } = createTestKeyRing();
    const builder = new SnapshotBuilder(ring);
    const patientTenant = builder.tenant();
    const hurriedTenant = builder.tenant({
      routingPolicy: routingPolicyDocumentSchema.parse({
        failover: { deadlineMs: 200, retriesPerTarget: 0 },
      }),
    });
    const model = builder.model({ canonicalId: 'limited-model-2025', providerType: 'openai' });
    const account = (mock: MockProvider) =>
      builder.providerAccount({ providerType: 'openai', baseUrl: `${mock.url}/v1`, keys: ['sk'] });
    limitedId = builder.deployment(model, account(limited), {
      name: 'limited',
      maxConcurrency: 1,
    }).id;
    const freeModel = builder.model({ canonicalId: 'free-model-2025', providerType: 'openai' });
    builder.deployment(freeModel, account(free), { name: 'free' });
    builder.alias('with-fallback', model, hurriedTenant, [freeModel]);
    const patientKey = builder.apiKey(patientTenant).key;
    const hurriedKey = builder.apiKey(hurriedTenant).key;
    gateway = await startRoutingGateway(builder.build(), text);
    patient = new OpenAI({ baseURL: gateway.baseUrl, apiKey: patientKey, maxRetries: 0 });
    hurried = new OpenAI({ baseURL: gateway.baseUrl, apiKey: hurriedKey, maxRetries: 0 });
  });

  afterAll(async () => {
    await gateway?.close();
    await limited?.close();
    await free?.close();
  });

  beforeEach(() => {
    limited.reset();
    free.reset();
  });

  const ask = (client: OpenAI, model = 'limited-model-2025') =>
    client.chat.completions
      .create({ model, messages: [{ role: 'user', content: 'Hi' }] })
      .withResponse();

  it('queues requests beyond the limit instead of dropping them, one at a time', async () => {
    limited.setFaults({ latencyMs: 300 });
    const results = await Promise.all([ask(patient), ask(patient), ask(patient)]);
    for (const { response } of results)
      expect(response.headers.get('x-switchyard-deployment')).toBe('limited');
    const arrivals = limited.requests
      .map((request) => request.receivedAt.getTime())
      .sort((a, b) => a - b);
    // The next request reaches the provider only after the previous one freed the slot.
    expect(arrivals[1]! - arrivals[0]!).toBeGreaterThanOrEqual(250);
    expect(arrivals[2]! - arrivals[1]!).toBeGreaterThanOrEqual(250);
    expect(gateway.concurrency.inFlight(limitedId)).toBe(0);
  });

  it('answers 429 deployment_busy when the wait would outlast the deadline', async () => {
    limited.setFaults({ latencyMs: 800 });
    const holder = ask(patient);
    await waitUntil(() => gateway.concurrency.inFlight(limitedId) === 1);
    await expect(ask(hurried)).rejects.toMatchObject({ status: 429, code: 'deployment_busy' });
    await holder;
    expect(limited.requests).toHaveLength(1);
  });

  it('moves to another allowed target when the deployment is busy', async () => {
    limited.setFaults({ latencyMs: 800 });
    const holder = ask(patient);
    await waitUntil(() => gateway.concurrency.inFlight(limitedId) === 1);
    const { response } = await ask(hurried, 'with-fallback');
    expect(response.headers.get('x-switchyard-deployment')).toBe('free');
    expect(response.headers.get('x-switchyard-failover')).toBe(`${limitedId}:deployment_busy`);
    await holder;
  });
});

async function waitUntil(condition: () => boolean): Promise<void> {
  for (let tries = 0; tries < 200 && !condition(); tries++)
    await new Promise((resolve) => setTimeout(resolve, 5));
  if (!condition()) throw new Error('condition never held');
}
