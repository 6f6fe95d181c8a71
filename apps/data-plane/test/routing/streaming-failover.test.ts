import OpenAI from 'openai';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { routingPolicyDocumentSchema } from '@switchyard/policy';
import {
  SnapshotBuilder,
  createTestKeyRing,
  parseSseText,
  startMockProvider,
  type MockProvider,
} from '@switchyard/testkit';
import { startRoutingGateway, type RoutingGateway } from './support/start-routing-gateway.js';

/**
 * Streams fail over invisibly until their first real output token (the role-only preamble is
 * held back), and after it a stall or a cut ends the stream with an explicit error event and no
 * `[DONE]` — never a clean-looking close, never a silent switch to another provider.
 */
describe('streaming failover', () => {
  let primary: MockProvider;
  let secondary: MockProvider;
  let gateway: RoutingGateway;
  let client: OpenAI;
  let key: string;
  let primaryId: string;

  beforeAll(async () => {
    primary = await startMockProvider();
    secondary = await startMockProvider();
    const { ring, text } = createTestKeyRing();
    const builder = new SnapshotBuilder(ring);
    const tenant = builder.tenant({
      routingPolicy: routingPolicyDocumentSchema.parse({
        failover: { retriesPerTarget: 0, firstTokenTimeoutMs: 400, streamIdleTimeoutMs: 300 },
      }),
    });
    key = builder.apiKey(tenant).key;
    const model = builder.model({
      canonicalId: 'gpt-4.1-nano-2025-04-14',
      providerType: 'openai',
      providerModelId: 'gpt-4.1-nano',
    });
    const account = (mock: MockProvider) =>
      builder.providerAccount({ providerType: 'openai', baseUrl: `${mock.url}/v1`, keys: ['sk'] });
    primaryId = builder.deployment(model, account(primary), { name: 'primary', weight: 2 }).id;
    builder.deployment(model, account(secondary), { name: 'secondary', weight: 1 });
    builder.alias('chat', model, tenant);
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
  });

  afterAll(async () => {
    await gateway?.close();
    await primary?.close();
    await secondary?.close();
  });

  beforeEach(() => {
    primary.reset();
    secondary.reset();
  });

  async function streamText(): Promise<{
    text: string;
    finish: string | null | undefined;
    deployment: string | null;
    failover: string | null;
  }> {
    const { data: stream, response } = await client.chat.completions
      .create({ model: 'chat', messages: [{ role: 'user', content: 'Hello' }], stream: true })
      .withResponse();
    let text = '';
    let finish: string | null | undefined;
    for await (const chunk of stream) {
      text += chunk.choices[0]?.delta.content ?? '';
      finish = chunk.choices[0]?.finish_reason ?? finish;
    }
    return {
      text,
      finish,
      deployment: response.headers.get('x-switchyard-deployment'),
      failover: response.headers.get('x-switchyard-failover'),
    };
  }

  /** The raw SSE of a stream, to see exactly how it ended. */
  async function rawStream(): Promise<{ status: number; events: string[] }> {
    const response = await fetch(`${gateway.baseUrl}/chat/completions`, {
      method: 'POST',
      headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
      body: JSON.stringify({
        model: 'chat',
        messages: [{ role: 'user', content: 'Hello' }],
        stream: true,
      }),
    });
    const text = await response.text();
    return { status: response.status, events: parseSseText(text).map((event) => event.data) };
  }

  it('serves a complete stream from the first deployment when nothing fails', async () => {
    const clean = await streamText();
    expect(clean.deployment).toBe('primary');
    expect(clean.finish).toBe('stop');
    expect(clean.text.length).toBeGreaterThan(10);
  });

  it('fails over before the first byte when the provider answers with an error', async () => {
    primary.setFaults({ status: 500, times: 1 });
    const result = await streamText();
    expect(result.deployment).toBe('secondary');
    expect(result.failover).toBe(`${primaryId}:upstream_server_error`);
    expect(result.finish).toBe('stop');
  });

  it('fails over invisibly when the provider dies after only the role preamble', async () => {
    const expected = (await streamText()).text;
    primary.setFaults({ disconnectAfterChunks: 1, times: 1 });
    const result = await streamText();
    expect(result.deployment).toBe('secondary');
    // The client never saw the failed attempt's preamble: one clean answer, from the start.
    expect(result.text).toBe(expected);
    expect(result.failover).toMatch(new RegExp(`^${primaryId}:`));
  });

  it('fails over when no output arrives within the first-token timeout', async () => {
    primary.setFaults({ firstByteDelayMs: 2_000, times: 1 });
    const result = await streamText();
    expect(result.deployment).toBe('secondary');
    expect(result.failover).toMatch(/:upstream_(first_token_)?timeout$/);
  });

  it('ends the stream with an explicit error event when the provider stalls after output started', async () => {
    primary.setFaults({ stallAfterChunks: 4, times: 1 });
    const { status, events } = await rawStream();
    expect(status).toBe(200);
    const last = JSON.parse(events.at(-1)!) as { error?: { code: string } };
    expect(last.error?.code).toBe('upstream_stream_stalled');
    expect(events).not.toContain('[DONE]');
    expect(secondary.requests).toHaveLength(0);
    expect(gateway.usageEvents.at(-1)).toMatchObject({
      errorCode: 'upstream_stream_stalled',
      deploymentId: primaryId,
    });
  });

  it('ends the stream with an explicit error event when the provider disconnects after output started', async () => {
    primary.setFaults({ disconnectAfterChunks: 4, times: 1 });
    const { events } = await rawStream();
    const last = JSON.parse(events.at(-1)!) as { error?: { code: string } };
    expect(last.error?.code).toMatch(/^upstream_stream_truncated$/);
    expect(events).not.toContain('[DONE]');
    expect(secondary.requests).toHaveLength(0);
  });

  it('raises the cut as an error in the OpenAI SDK rather than returning a partial answer', async () => {
    primary.setFaults({ disconnectAfterChunks: 4, times: 1 });
    await expect(streamText()).rejects.toThrow();
  });
});
