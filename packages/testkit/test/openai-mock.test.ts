import OpenAI, { AuthenticationError, AzureOpenAI, RateLimitError } from 'openai';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { readRecordedBody, startMockProvider, type MockProvider } from '../src/index.js';

// The official OpenAI SDK is the judge of wire compatibility: if it parses the mock, so will
// every client the gateway must stay drop-in compatible with.
const apiKey = 'sk-test-openai';
let mock: MockProvider;
let client: OpenAI;

beforeAll(async () => {
  mock = await startMockProvider({ credentials: { keys: [apiKey] } });
  client = new OpenAI({ apiKey, baseURL: `${mock.url}/v1`, maxRetries: 0 });
});
afterAll(() => mock.close());
beforeEach(() => mock.reset());

function recordedOpenAiText(): string {
  const body = readRecordedBody('openai-text') as {
    choices: Array<{ message: { content: string } }>;
  };
  return body.choices[0]?.message.content ?? '';
}

describe('OpenAI chat completions', () => {
  it('replays the recorded completion, echoing the requested model, with OpenAI headers', async () => {
    const { data, response } = await client.chat.completions
      .create({ model: 'gpt-4.1-nano', messages: [{ role: 'user', content: 'Invent a holiday' }] })
      .withResponse();

    expect(data.choices[0]?.message.content).toBe(recordedOpenAiText());
    expect(data.model).toBe('gpt-4.1-nano');
    expect(data.usage?.total_tokens).toBe(379);
    expect(response.headers.get('x-request-id')).toMatch(/^req_/);
    expect(response.headers.get('x-ratelimit-remaining-requests')).toBe('9999');
  });

  it('records the outgoing request exactly as the client built it', async () => {
    await client.chat.completions.create({
      model: 'gpt-4.1',
      temperature: 0.2,
      messages: [{ role: 'user', content: 'hi' }],
    });

    expect(mock.requests).toHaveLength(1);
    const [request] = mock.requests;
    expect(request?.dialect).toBe('openai');
    expect(request?.path).toBe('/v1/chat/completions');
    expect(request?.headers.authorization).toBe(`Bearer ${apiKey}`);
    expect(request?.body).toEqual({
      model: 'gpt-4.1',
      temperature: 0.2,
      messages: [{ role: 'user', content: 'hi' }],
    });
    expect(request?.scenario).toBe('openai-text');
  });

  it('streams the recording; the usage chunk only comes when include_usage is asked for', async () => {
    const withoutUsage = await client.chat.completions.create({
      model: 'gpt-4.1-nano',
      messages: [{ role: 'user', content: 'x' }],
      stream: true,
    });
    let text = '';
    let usageSeen = false;
    for await (const chunk of withoutUsage) {
      text += chunk.choices[0]?.delta.content ?? '';
      if (chunk.usage) usageSeen = true;
      expect(chunk.model).toBe('gpt-4.1-nano');
    }
    expect(text.length).toBeGreaterThan(500);
    expect(text.startsWith('**Holiday')).toBe(true);
    expect(usageSeen).toBe(false);

    const withUsage = await client.chat.completions.create({
      model: 'gpt-4.1-nano',
      messages: [{ role: 'user', content: 'x' }],
      stream: true,
      stream_options: { include_usage: true },
    });
    const chunks = [];
    for await (const chunk of withUsage) chunks.push(chunk);
    expect(chunks.at(-1)?.choices).toEqual([]);
    expect(chunks.at(-1)?.usage?.completion_tokens).toBe(300);
  });

  it('frames the stream as data-only SSE ending with [DONE]', async () => {
    const response = await fetch(`${mock.url}/v1/chat/completions`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${apiKey}`,
        'content-type': 'application/json',
        'x-mock-scenario': 'mistral-text',
      },
      body: JSON.stringify({
        model: 'mistral-small-latest',
        stream: true,
        messages: [{ role: 'user', content: 'x' }],
      }),
    });
    expect(response.headers.get('content-type')).toBe('text/event-stream; charset=utf-8');
    const text = await response.text();
    expect(text).not.toContain('event:');
    expect(text.endsWith('data: [DONE]\n\n')).toBe(true);
    // Mistral sends usage on the finish chunk without being asked; the mock keeps that quirk.
    expect(text).toContain('"usage":{"prompt_tokens":13');
  });

  it('plays recorded tool calls (Groq) and synthesizes requested ones', async () => {
    const recorded = await client.chat.completions.create(
      { model: 'llama-3.3-70b-versatile', messages: [{ role: 'user', content: 'weather?' }] },
      { headers: { 'x-mock-scenario': 'groq-tool-call' } },
    );
    expect(recorded.choices[0]?.finish_reason).toBe('tool_calls');
    expect(recorded.choices[0]?.message.tool_calls?.[0]).toMatchObject({
      type: 'function',
      function: { name: 'weather', arguments: '{}' },
    });

    mock.setScenario({
      kind: 'tool-call',
      toolCalls: [{ name: 'get_weather', arguments: { city: 'Oslo' } }],
    });
    const stream = client.chat.completions.stream({
      model: 'gpt-4.1',
      messages: [{ role: 'user', content: 'weather?' }],
    });
    const final = await stream.finalChatCompletion();
    const call = final.choices[0]?.message.tool_calls?.[0];
    expect(call?.type === 'function' && JSON.parse(call.function.arguments)).toEqual({
      city: 'Oslo',
    });
    expect(final.choices[0]?.finish_reason).toBe('tool_calls');
  });

  it('answers with programmatic text and a drifted model when servedModel is set', async () => {
    const drifting = await startMockProvider({
      scenario: { kind: 'text', text: 'Hello from the mock.' },
      servedModel: 'gpt-4.1-2025-04-14',
    });
    try {
      const other = new OpenAI({ apiKey: 'any', baseURL: `${drifting.url}/v1`, maxRetries: 0 });
      const completion = await other.chat.completions.create({
        model: 'gpt-4.1',
        messages: [{ role: 'user', content: 'hi' }],
      });
      expect(completion.choices[0]?.message.content).toBe('Hello from the mock.');
      expect(completion.model).toBe('gpt-4.1-2025-04-14');
    } finally {
      await drifting.close();
    }
  });

  it('assembles a non-streaming body from a stream-only recording (xAI)', async () => {
    const completion = await client.chat.completions.create(
      { model: 'grok-3-mini', messages: [{ role: 'user', content: 'weather?' }] },
      { headers: { 'x-mock-scenario': 'xai-tool-call' } },
    );
    expect(completion.choices[0]?.finish_reason).toBe('tool_calls');
    expect(completion.choices[0]?.message.tool_calls).toHaveLength(1);
  });
});

describe('OpenAI errors', () => {
  it('rejects a wrong key with 401 in the OpenAI error shape', async () => {
    const wrong = new OpenAI({
      apiKey: 'sk-wrong-key-123',
      baseURL: `${mock.url}/v1`,
      maxRetries: 0,
    });
    const error = await wrong.models.list().catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(AuthenticationError);
    expect((error as AuthenticationError).code).toBe('invalid_api_key');
    expect((error as AuthenticationError).type).toBe('invalid_request_error');
  });

  it('surfaces an injected 429 with retry-after as RateLimitError', async () => {
    mock.setFaults({ status: 429, headers: { 'retry-after': '7' }, times: 1 });
    const error = await client.chat.completions
      .create({ model: 'gpt-4.1', messages: [{ role: 'user', content: 'hi' }] })
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(RateLimitError);
    expect((error as RateLimitError).headers?.get('retry-after')).toBe('7');
    expect((error as RateLimitError).code).toBe('rate_limit_exceeded');
    // `times: 1` — the next request succeeds.
    await expect(
      client.chat.completions.create({
        model: 'gpt-4.1',
        messages: [{ role: 'user', content: 'hi' }],
      }),
    ).resolves.toBeDefined();
  });

  it('lets the SDK retry through a one-off 500 when retries are on', async () => {
    mock.setFaults({ status: 500, times: 1 });
    const retrying = new OpenAI({ apiKey, baseURL: `${mock.url}/v1`, maxRetries: 1 });
    const completion = await retrying.chat.completions.create({
      model: 'gpt-4.1',
      messages: [{ role: 'user', content: 'hi' }],
    });
    expect(completion.choices[0]?.message.content).toBe(recordedOpenAiText());
    expect(mock.requests).toHaveLength(2);
  });

  it('names a missing required parameter', async () => {
    const response = await fetch(`${mock.url}/v1/chat/completions`, {
      method: 'POST',
      headers: { authorization: `Bearer ${apiKey}`, 'content-type': 'application/json' },
      body: JSON.stringify({ model: 'gpt-4.1' }),
    });
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({
      error: {
        message: "Missing required parameter: 'messages'.",
        type: 'invalid_request_error',
        param: 'messages',
        code: null,
      },
    });
  });
});

describe('OpenAI embeddings, completions and models', () => {
  it('returns deterministic embeddings in float and base64 encodings', async () => {
    // The SDK asks for base64 by default and decodes it.
    const viaBase64 = await client.embeddings.create({
      model: 'text-embedding-3-small',
      input: ['a', 'b'],
      dimensions: 8,
    });
    const viaFloat = await client.embeddings.create({
      model: 'text-embedding-3-small',
      input: ['a', 'b'],
      dimensions: 8,
      encoding_format: 'float',
    });
    expect(mock.requests[0]?.body).toMatchObject({ encoding_format: 'base64' });
    expect(viaBase64.data).toHaveLength(2);
    expect(viaBase64.data[0]?.embedding).toHaveLength(8);
    expect(viaBase64.data[0]?.embedding).toEqual(viaFloat.data[0]?.embedding);
    expect(viaBase64.data[0]?.embedding).not.toEqual(viaBase64.data[1]?.embedding);
    expect(viaFloat.usage.prompt_tokens).toBeGreaterThan(0);
  });

  it('serves legacy completions and the model list', async () => {
    mock.setScenario({ kind: 'text', text: 'Once upon a time' });
    const completion = await client.completions.create({
      model: 'gpt-3.5-turbo-instruct',
      prompt: 'Tell me',
    });
    expect(completion.object).toBe('text_completion');
    expect(completion.choices[0]?.text).toBe('Once upon a time');

    const models = [];
    for await (const model of client.models.list()) models.push(model.id);
    expect(models).toContain('gpt-4.1');
  });
});

describe('Azure OpenAI deployments', () => {
  it('serves the deployment path, checks api-key and adds content-filter results', async () => {
    const azure = new AzureOpenAI({
      endpoint: mock.url,
      apiKey,
      apiVersion: '2024-10-21',
      deployment: 'prod-gpt4o',
      maxRetries: 0,
    });
    const completion = await azure.chat.completions.create({
      model: 'ignored',
      messages: [{ role: 'user', content: 'hi' }],
    });
    expect(completion.choices[0]?.message.content).toBe(recordedOpenAiText());
    const [request] = mock.requests;
    expect(request?.dialect).toBe('azure-openai');
    expect(request?.path).toBe('/openai/deployments/prod-gpt4o/chat/completions');
    expect(request?.query['api-version']).toBe('2024-10-21');
    expect(request?.headers['api-key']).toBe(apiKey);
    expect(completion).toHaveProperty('prompt_filter_results');

    const wrong = new AzureOpenAI({
      endpoint: mock.url,
      apiKey: 'nope',
      apiVersion: '2024-10-21',
      deployment: 'prod-gpt4o',
      maxRetries: 0,
    });
    await expect(
      wrong.chat.completions.create({ model: 'x', messages: [{ role: 'user', content: 'hi' }] }),
    ).rejects.toBeInstanceOf(AuthenticationError);
  });

  it('serves legacy completions on an instruct deployment', async () => {
    const azure = new AzureOpenAI({
      endpoint: mock.url,
      apiKey,
      apiVersion: '2024-10-21',
      deployment: 'prod-instruct',
      maxRetries: 0,
    });
    const completion = await azure.completions.create({ model: 'x', prompt: 'Say hi' });
    expect(completion.object).toBe('text_completion');
    expect(completion.choices[0]?.text).toMatch(/\S/);
    expect(mock.requests[0]?.path).toBe('/openai/deployments/prod-instruct/completions');
  });

  it('sends the prompt-filter chunk with empty choices first when streaming', async () => {
    const azure = new AzureOpenAI({
      endpoint: mock.url,
      apiKey,
      apiVersion: '2024-10-21',
      deployment: 'prod-gpt4o',
      maxRetries: 0,
    });
    const stream = await azure.chat.completions.create({
      model: 'x',
      messages: [{ role: 'user', content: 'hi' }],
      stream: true,
    });
    const chunks = [];
    for await (const chunk of stream) chunks.push(chunk);
    expect(chunks[0]?.choices).toEqual([]);
    expect(chunks[0]).toHaveProperty('prompt_filter_results');
    expect(
      chunks
        .slice(1)
        .map((chunk) => chunk.choices[0]?.delta.content ?? '')
        .join(''),
    ).toMatch(/^\*\*Holiday/);
  });
});
