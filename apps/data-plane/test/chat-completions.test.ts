import OpenAI from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  SnapshotBuilder,
  createTestKeyRing,
  readRecordedBody,
  startMockProvider,
  type MockProvider,
} from '@switchyard/testkit';
import { startTestGateway, type TestGateway } from './support/start-test-gateway.js';

describe('POST /v1/chat/completions through the official OpenAI SDK', () => {
  let mock: MockProvider;
  let gateway: TestGateway;
  let client: OpenAI;
  let apiKey: string;

  beforeAll(async () => {
    mock = await startMockProvider({ credentials: { keys: ['sk-upstream'] } });
    const { ring, text } = createTestKeyRing();
    const builder = new SnapshotBuilder(ring);
    const tenant = builder.tenant();
    const { key } = builder.apiKey(tenant);
    const openAiAccount = builder.providerAccount({
      providerType: 'openai',
      baseUrl: `${mock.url}/v1`,
      keys: ['sk-upstream'],
      region: 'us-east',
    });
    const gpt = builder.model({
      canonicalId: 'gpt-4.1-nano-2025-04-14',
      providerType: 'openai',
      providerModelId: 'gpt-4.1-nano',
    });
    builder.deployment(gpt, openAiAccount, { name: 'openai-primary' });
    builder.alias('fast', gpt, tenant);
    const anthropicAccount = builder.providerAccount({
      providerType: 'anthropic',
      baseUrl: mock.url,
      keys: ['sk-upstream'],
    });
    const claude = builder.model({
      canonicalId: 'claude-haiku-4-5',
      providerType: 'anthropic',
      providerModelId: 'claude-haiku-4-5-20251001',
    });
    builder.deployment(claude, anthropicAccount, { name: 'anthropic-primary' });
    const geminiAccount = builder.providerAccount({
      providerType: 'gemini',
      baseUrl: mock.url,
      keys: ['sk-upstream'],
    });
    const gemini = builder.model({ canonicalId: 'gemini-2.5-flash', providerType: 'gemini' });
    builder.deployment(gemini, geminiAccount, { name: 'gemini-primary' });
    gateway = await startTestGateway(builder.build(), text);
    apiKey = key;
    client = new OpenAI({ baseURL: gateway.baseUrl, apiKey: key, maxRetries: 0 });
  });

  afterAll(async () => {
    await gateway?.close();
    await mock?.close();
  });

  it('answers a non-streaming request through an alias and says what served it', async () => {
    const { data, response } = await client.chat.completions
      .create({ model: 'fast', messages: [{ role: 'user', content: 'Hello' }] })
      .withResponse();
    expect(data.object).toBe('chat.completion');
    expect(data.choices[0]?.message.content).toMatch(/\S/);
    expect(data.usage?.prompt_tokens).toBeGreaterThan(0);
    expect(response.headers.get('x-switchyard-provider')).toBe('openai');
    expect(response.headers.get('x-switchyard-deployment')).toBe('openai-primary');
    expect(response.headers.get('x-switchyard-region')).toBe('us-east');
    expect(response.headers.get('x-switchyard-attempts')).toBe('1');
    expect(response.headers.get('x-request-id')).toMatch(/\S{8,}/);
    expect(Number(response.headers.get('x-switchyard-overhead-ms'))).toBeGreaterThanOrEqual(0);
    expect(BigInt(response.headers.get('x-switchyard-cost-nano-usd') ?? '-1')).toBeGreaterThan(0n);
    const upstream = mock.requests.at(-1)!;
    expect(upstream.path).toBe('/v1/chat/completions');
    expect((upstream.body as { model: string }).model).toBe('gpt-4.1-nano');
    expect(upstream.headers.authorization).toBe('Bearer sk-upstream');
  });

  it("relays OpenAI's own answer unchanged, fields the gateway does not model included", async () => {
    const response = await fetch(`${gateway.baseUrl}/chat/completions`, {
      method: 'POST',
      headers: { authorization: `Bearer ${apiKey}`, 'content-type': 'application/json' },
      body: JSON.stringify({ model: 'fast', messages: [{ role: 'user', content: 'Hello' }] }),
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/json; charset=utf-8');
    const recorded = readRecordedBody('openai-text') as Record<string, unknown>;
    // The mock answers with the model the gateway asked for; everything else is the recording.
    expect(await response.json()).toEqual({ ...recorded, model: 'gpt-4.1-nano' });
    expect(BigInt(response.headers.get('x-switchyard-cost-nano-usd') ?? '-1')).toBeGreaterThan(0n);
  });

  it('streams from Anthropic as OpenAI chunks, with a usage chunk carrying the cost', async () => {
    const stream = await client.chat.completions.create({
      model: 'claude-haiku-4-5',
      messages: [{ role: 'user', content: 'Hello' }],
      stream: true,
      stream_options: { include_usage: true },
    });
    let text = '';
    let usage: (OpenAI.CompletionUsage & { cost_nano_usd?: string }) | undefined;
    let finish: string | null | undefined;
    for await (const chunk of stream) {
      text += chunk.choices[0]?.delta.content ?? '';
      finish = chunk.choices[0]?.finish_reason ?? finish;
      if (chunk.usage) usage = chunk.usage;
    }
    expect(text.length).toBeGreaterThan(0);
    expect(finish).toBe('stop');
    expect(usage?.completion_tokens).toBeGreaterThan(0);
    expect(BigInt(usage?.cost_nano_usd ?? '0')).toBeGreaterThan(0n);
  });

  it('relays a whole stream that arrives in one network read intact, for every dialect', async () => {
    // The gateway converts an opening read in slices to send the first token early, and the
    // rest of that read afterwards: nothing may be lost, doubled or reordered on the way.
    const collect = async (model: string) => {
      const stream = await client.chat.completions.create({
        model,
        messages: [{ role: 'user', content: 'Hello' }],
        stream: true,
        stream_options: { include_usage: true },
      });
      const chunks: OpenAI.ChatCompletionChunk[] = [];
      for await (const chunk of stream) chunks.push(chunk);
      return {
        text: chunks.map((chunk) => chunk.choices[0]?.delta.content ?? '').join(''),
        contentChunks: chunks.filter((chunk) => chunk.choices[0]?.delta.content).length,
        finish: chunks.map((chunk) => chunk.choices[0]?.finish_reason).find(Boolean),
        usage: chunks.at(-1)?.usage,
      };
    };
    for (const model of ['fast', 'claude-haiku-4-5', 'gemini-2.5-flash']) {
      mock.setFaults([]);
      const separate = await collect(model);
      mock.setFaults({ coalesceChunks: true });
      const coalesced = await collect(model);
      mock.setFaults([]);
      expect(separate.contentChunks).toBeGreaterThan(1);
      expect(coalesced).toEqual(separate);
    }
  });

  it('serves Gemini through the same endpoint', async () => {
    const completion = await client.chat.completions.create({
      model: 'gemini-2.5-flash',
      messages: [{ role: 'user', content: 'Hello' }],
    });
    expect(completion.choices[0]?.message.content).toMatch(/\S/);
    expect(mock.requests.at(-1)?.path).toBe('/v1beta/models/gemini-2.5-flash:generateContent');
  });

  it('rejects a bad key, an unknown model and malformed input in OpenAI error shape', async () => {
    const bad = new OpenAI({ baseURL: gateway.baseUrl, apiKey: 'sy-wrong', maxRetries: 0 });
    await expect(
      bad.chat.completions.create({ model: 'fast', messages: [{ role: 'user', content: 'x' }] }),
    ).rejects.toMatchObject({
      status: 401,
      code: 'invalid_api_key',
    });
    await expect(
      client.chat.completions.create({ model: 'nope', messages: [{ role: 'user', content: 'x' }] }),
    ).rejects.toMatchObject({
      status: 404,
      code: 'model_not_found',
    });
    const response = await fetch(`${gateway.baseUrl}/chat/completions`, {
      method: 'POST',
      headers: { authorization: `Bearer ${client.apiKey}`, 'content-type': 'application/json' },
      body: '{"model": "fast", "messages": [',
    });
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({
      error: { type: 'invalid_request_error', code: 'invalid_json' },
    });
    await expect(
      client.chat.completions.create({
        model: 'fast',
        messages: [{ role: 'user', content: 'x' }],
        temperature: 'hot' as unknown as number,
      }),
    ).rejects.toMatchObject({ status: 400, param: 'temperature' });
  });

  it("mints its own request id (the billing idempotency key) and echoes the caller's", async () => {
    const ids = new Set<string>();
    for (let i = 0; i < 2; i++) {
      const { response } = await client.chat.completions
        .create(
          { model: 'fast', messages: [{ role: 'user', content: 'same id twice' }] },
          { headers: { 'x-request-id': 'client-chosen-id' } },
        )
        .withResponse();
      expect(response.headers.get('x-client-request-id')).toBe('client-chosen-id');
      ids.add(response.headers.get('x-request-id')!);
    }
    expect(ids.size).toBe(2);
    expect(ids.has('client-chosen-id')).toBe(false);
  });

  it('exposes Prometheus metrics that count what was served', async () => {
    await client.chat.completions.create({
      model: 'fast',
      messages: [{ role: 'user', content: 'count me' }],
    });
    const text = await (await fetch(`${gateway.url}/metrics`)).text();
    expect(text).toMatch(
      /switchyard_gateway_requests_total\{route="chat",provider="openai",model="[^"]+",status="200"\} [1-9]/,
    );
    expect(text).toMatch(
      /switchyard_gateway_tokens_total\{provider="openai",model="[^"]+",kind="input"\} [1-9]/,
    );
    expect(text).toMatch(
      /switchyard_gateway_cost_nano_usd_total\{provider="openai",model="[^"]+"\} [1-9]/,
    );
    expect(text).toMatch(/switchyard_gateway_snapshot_version 1/);
    expect(text).toMatch(/switchyard_gateway_circuit_breaker_state\{deployment="[^"]+"\} 0/);
    expect(text).toMatch(
      /switchyard_gateway_upstream_connections\{origin="http:\/\/127\.0\.0\.1:\d+",state="connected"\} [1-9]/,
    );
  });
});
