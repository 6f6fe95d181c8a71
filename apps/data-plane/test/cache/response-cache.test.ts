import OpenAI from 'openai';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { routingPolicyDocumentSchema } from '@switchyard/policy';
import {
  SnapshotBuilder,
  createTestKeyRing,
  startMockProvider,
  type MockProvider,
} from '@switchyard/testkit';
import { startTestGateway, type TestGateway } from '../support/start-test-gateway.js';

describe('exact-match response cache', () => {
  let mock: MockProvider;
  let gateway: TestGateway;
  let first: OpenAI;
  let second: OpenAI;
  let policyTenantClient: OpenAI;
  const redis = new Redis(inject('TEST_REDIS_URL'));

  beforeAll(async () => {
    mock = await startMockProvider({
      scenario: { kind: 'text', text: 'cached answer', usage: { inputTokens: 7, outputTokens: 3 } },
    });
    const { ring, text } = createTestKeyRing();
    const builder = new SnapshotBuilder(ring);
    const account = builder.providerAccount({
      providerType: 'openai',
      baseUrl: `${mock.url}/v1`,
      keys: ['sk'],
    });
    const model = builder.model({ canonicalId: 'gpt-cache', providerType: 'openai' });
    builder.deployment(model, account);
    const tenantA = builder.tenant({ id: 'tenant-a' });
    const tenantB = builder.tenant({ id: 'tenant-b' });
    const withPolicy = builder.tenant({
      id: 'tenant-policy',
      routingPolicy: routingPolicyDocumentSchema.parse({
        cache: { enabled: true, ttlSeconds: 120 },
      }),
    });
    first = new OpenAI({ baseURL: '', apiKey: builder.apiKey(tenantA).key, maxRetries: 0 });
    second = new OpenAI({ baseURL: '', apiKey: builder.apiKey(tenantB).key, maxRetries: 0 });
    policyTenantClient = new OpenAI({
      baseURL: '',
      apiKey: builder.apiKey(withPolicy).key,
      maxRetries: 0,
    });
    gateway = await startTestGateway(builder.build(), text);
    for (const client of [first, second, policyTenantClient]) client.baseURL = gateway.baseUrl;
  });

  afterAll(async () => {
    await gateway?.close();
    await mock?.close();
    redis.disconnect();
  });

  const body = (content: string) => ({
    model: 'gpt-cache',
    messages: [{ role: 'user' as const, content }],
  });
  const opt = (mode: string, extra: Record<string, string> = {}) => ({
    headers: { 'x-switchyard-cache': mode, ...extra },
  });

  it('serves a repeated request from the cache, marked and free, without calling the provider', async () => {
    const before = mock.requests.length;
    const miss = await first.chat.completions
      .create(body('same question'), opt('use', { 'x-switchyard-cache-ttl': '60' }))
      .withResponse();
    expect(miss.response.headers.get('x-switchyard-cache')).toBe('miss');
    const hit = await first.chat.completions
      .create(body('same question'), opt('use'))
      .withResponse();
    expect(hit.response.headers.get('x-switchyard-cache')).toBe('hit');
    expect(hit.response.headers.get('x-switchyard-cost-nano-usd')).toBe('0');
    expect(hit.data.choices[0]?.message.content).toBe('cached answer');
    expect(mock.requests.length - before).toBe(1);
    const keys = await redis.keys(`${inject('TEST_REDIS_PREFIX')}cache:{tenant-a}:*`);
    expect(keys).toHaveLength(1);
    const ttl = await redis.ttl(keys[0]!);
    expect(ttl).toBeGreaterThan(0);
    expect(ttl).toBeLessThanOrEqual(60);
  });

  it('replays a cached answer as a stream', async () => {
    await first.chat.completions.create(body('stream me'), opt('use'));
    const before = mock.requests.length;
    const stream = await first.chat.completions.create(
      { ...body('stream me'), stream: true, stream_options: { include_usage: true } },
      opt('use'),
    );
    let text = '';
    let usage: OpenAI.CompletionUsage | undefined;
    for await (const chunk of stream) {
      text += chunk.choices[0]?.delta.content ?? '';
      if (chunk.usage) usage = chunk.usage;
    }
    expect(text).toBe('cached answer');
    expect(usage?.completion_tokens).toBe(3);
    expect(mock.requests.length).toBe(before);
  });

  it('never shares entries between tenants', async () => {
    await first.chat.completions.create(body('private'), opt('use'));
    const before = mock.requests.length;
    const other = await second.chat.completions.create(body('private'), opt('use')).withResponse();
    expect(other.response.headers.get('x-switchyard-cache')).toBe('miss');
    expect(mock.requests.length).toBe(before + 1);
  });

  it('honours bypass and refresh', async () => {
    await first.chat.completions.create(body('controls'), opt('use'));
    const before = mock.requests.length;
    const bypass = await first.chat.completions
      .create(body('controls'), opt('bypass'))
      .withResponse();
    expect(bypass.response.headers.get('x-switchyard-cache')).toBe('bypass');
    const refresh = await first.chat.completions
      .create(body('controls'), opt('refresh'))
      .withResponse();
    expect(refresh.response.headers.get('x-switchyard-cache')).toBe('refresh');
    expect(mock.requests.length).toBe(before + 2);
  });

  it('caches deterministic requests when the tenant policy turns caching on, and only those', async () => {
    const before = mock.requests.length;
    await policyTenantClient.chat.completions.create({ ...body('policy'), temperature: 0 });
    const hit = await policyTenantClient.chat.completions
      .create({ ...body('policy'), temperature: 0 })
      .withResponse();
    expect(hit.response.headers.get('x-switchyard-cache')).toBe('hit');
    const creative = await policyTenantClient.chat.completions
      .create({ ...body('policy'), temperature: 0.9 })
      .withResponse();
    expect(creative.response.headers.get('x-switchyard-cache')).toBeNull();
    expect(mock.requests.length).toBe(before + 2);
  });
});
