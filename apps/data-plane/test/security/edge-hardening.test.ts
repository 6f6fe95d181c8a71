import OpenAI from 'openai';
import { Queue } from 'bullmq';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { usageQueueName, usageQueuePrefix, type UsageBatch } from '@switchyard/usage';
import {
  SnapshotBuilder,
  createTestKeyRing,
  startMockProvider,
  type MockProvider,
} from '@switchyard/testkit';
import { startTestGateway, type TestGateway } from '../support/start-test-gateway.js';

describe('data-plane edge hardening', () => {
  let mock: MockProvider;
  let gateway: TestGateway;
  let key = '';
  let loggingKey = '';

  beforeAll(async () => {
    mock = await startMockProvider({
      scenario: {
        kind: 'text',
        text: 'Reply to bob@example.org with sk-live-abcdefghijklmnopqrst',
      },
    });
    const { ring, text } = createTestKeyRing();
    const builder = new SnapshotBuilder(ring);
    const account = builder.providerAccount({
      providerType: 'openai',
      baseUrl: `${mock.url}/v1`,
      keys: ['sk'],
    });
    const model = builder.model({ canonicalId: 'gpt-edge', providerType: 'openai' });
    builder.deployment(model, account);
    key = builder.apiKey(builder.tenant({ id: 'plain' })).key;
    loggingKey = builder.apiKey(builder.tenant({ id: 'logs-payloads', payloadLogging: true })).key;
    gateway = await startTestGateway(builder.build(), text, {
      AUTH_FAILURES_PER_MINUTE: '5',
      BODY_LIMIT_BYTES: '65536',
      MAX_HEADER_BYTES: '8192',
      PAYLOAD_REDACTION_PATTERNS: '["ORDER-\\\\d+"]',
    });
  });

  afterAll(async () => {
    await gateway?.close();
    await mock?.close();
  });

  const post = (headers: Record<string, string>, body: string) =>
    fetch(`${gateway.baseUrl}/chat/completions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body,
    });
  const validBody = JSON.stringify({
    model: 'gpt-edge',
    messages: [{ role: 'user', content: 'hi' }],
  });

  it('accepts the key as x-api-key as well as a bearer token', async () => {
    expect((await post({ 'x-api-key': key }, validBody)).status).toBe(200);
    expect((await post({ authorization: `Bearer ${key}` }, validBody)).status).toBe(200);
  });

  it('refuses bodies and header blocks above their bounds with clear errors', async () => {
    const huge = JSON.stringify({
      model: 'gpt-edge',
      messages: [{ role: 'user', content: 'x'.repeat(70_000) }],
    });
    const tooLarge = await post({ authorization: `Bearer ${key}` }, huge);
    expect(tooLarge.status).toBe(413);
    expect(await tooLarge.json()).toMatchObject({ error: { code: 'request_too_large' } });
    const bigHeaders = await post(
      { authorization: `Bearer ${key}`, 'x-padding': 'y'.repeat(10_000) },
      validBody,
    );
    expect(bigHeaders.status).toBe(431);
  });

  it('logs payloads only for tenants that enabled it, with secrets and configured patterns redacted', async () => {
    const client = new OpenAI({ baseURL: gateway.baseUrl, apiKey: loggingKey, maxRetries: 0 });
    await client.chat.completions.create(
      {
        model: 'gpt-edge',
        messages: [
          {
            role: 'user',
            content: 'My card is 4242 4242 4242 4242, order ORDER-991, mail me at me@corp.io',
          },
        ],
      },
      { headers: { 'x-switchyard-user': 'payload-logging-request' } },
    );
    const plainClient = new OpenAI({ baseURL: gateway.baseUrl, apiKey: key, maxRetries: 0 });
    await plainClient.chat.completions.create(
      { model: 'gpt-edge', messages: [{ role: 'user', content: 'secret 4242 4242 4242 4242' }] },
      { headers: { 'x-switchyard-user': 'no-payload-request' } },
    );

    const queue = new Queue(usageQueueName, {
      connection: { url: inject('TEST_REDIS_URL') },
      prefix: usageQueuePrefix(inject('TEST_REDIS_PREFIX')),
    });
    try {
      let events: UsageBatch['events'] = [];
      for (let attempt = 0; attempt < 40; attempt++) {
        const jobs = await queue.getJobs([
          'waiting',
          'active',
          'completed',
          'delayed',
          'prioritized',
        ]);
        events = jobs.flatMap((job) => (job.data as UsageBatch).events);
        if (events.some((event) => event.endUser === 'no-payload-request')) break;
        await new Promise((resolveWait) => setTimeout(resolveWait, 100));
      }
      const logged = events.find((event) => event.endUser === 'payload-logging-request');
      const text = JSON.stringify(logged?.payload);
      expect(text).toContain('[REDACTED:card]');
      expect(text).toContain('[REDACTED:email]');
      expect(text).toContain('order [REDACTED]');
      expect(text).toContain('[REDACTED:api-key]');
      expect(text).not.toContain('4242');
      const plain = events.find((event) => event.endUser === 'no-payload-request');
      expect(plain).toBeTruthy();
      expect(plain?.payload ?? null).toBeNull();
    } finally {
      await queue.close();
    }
  });

  it('throttles a source after repeated failed authentications', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 7; i++)
      statuses.push((await post({ authorization: 'Bearer sy-guess-' + i }, validBody)).status);
    expect(statuses.slice(0, 5)).toEqual([401, 401, 401, 401, 401]);
    expect(statuses.slice(5)).toEqual([429, 429]);
    const blocked = await post({ authorization: 'Bearer sy-guess-again' }, validBody);
    expect(await blocked.json()).toMatchObject({ error: { code: 'too_many_auth_failures' } });
    expect(Number(blocked.headers.get('retry-after'))).toBeGreaterThan(0);
  });
});
