import Anthropic, { AuthenticationError, OverloadedError, RateLimitError } from '@anthropic-ai/sdk';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { parseSseText, startMockProvider, type MockProvider } from '../src/index.js';

const apiKey = 'sk-ant-test';
let mock: MockProvider;
let client: Anthropic;

beforeAll(async () => {
  mock = await startMockProvider({ dialects: ['anthropic'], credentials: { anthropic: [apiKey] } });
  client = new Anthropic({ apiKey, baseURL: mock.url, maxRetries: 0 });
});
afterAll(() => mock.close());
beforeEach(() => mock.reset());

const question = {
  model: 'claude-mock-test',
  max_tokens: 256,
  messages: [{ role: 'user' as const, content: 'How are you?' }],
};

describe('Anthropic messages', () => {
  it('replays the recorded message with the request-id header and the requested model', async () => {
    const { data, response } = await client.messages.create(question).withResponse();
    expect(data.content).toEqual([
      {
        type: 'text',
        text: "Hello! I'm doing well, thanks for asking. How are you doing today? Is there anything I can help you with?",
      },
    ]);
    expect(data.model).toBe('claude-mock-test');
    expect(data.stop_reason).toBe('end_turn');
    expect(response.headers.get('request-id')).toMatch(/^req_/);
    expect(mock.requests[0]?.headers['anthropic-version']).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    // SDK 1.x sends the key as `Authorization: Bearer`; older ones and curl use `x-api-key`.
    const headers = mock.requests[0]?.headers;
    expect(headers?.['x-api-key'] ?? headers?.authorization?.replace(/^Bearer /, '')).toBe(apiKey);
  });

  it('streams named events, ping included, that the SDK accumulates', async () => {
    const stream = client.messages.stream(question);
    const eventTypes: string[] = [];
    stream.on('streamEvent', (event) => eventTypes.push(event.type));
    const message = await stream.finalMessage();
    expect(message.content[0]).toMatchObject({
      type: 'text',
      text: "Hello! I'm doing well, thank you for asking. How are you doing today? Is there anything I can help you with?",
    });
    expect(eventTypes[0]).toBe('message_start');
    expect(eventTypes.at(-1)).toBe('message_stop');
  });

  it('frames each event as `event: <type>` matching the JSON type', async () => {
    const response = await fetch(`${mock.url}/v1/messages`, {
      method: 'POST',
      headers: {
        'x-api-key': apiKey,
        'anthropic-version': '2023-06-01',
        'content-type': 'application/json',
      },
      body: JSON.stringify({ ...question, stream: true }),
    });
    expect(response.headers.get('content-type')).toBe('text/event-stream; charset=utf-8');
    const events = parseSseText(await response.text());
    expect(events.map((event) => event.event)).toContain('ping');
    for (const event of events)
      expect((JSON.parse(event.data) as { type: string }).type).toBe(event.event);
  });

  it('streams recorded and synthesized tool use as input_json_delta fragments', async () => {
    const recorded = await client.messages
      .stream(question, { headers: { 'x-mock-scenario': 'anthropic-json-tool.1' } })
      .finalMessage();
    expect(recorded.stop_reason).toBe('tool_use');
    expect(recorded.content[0]).toMatchObject({
      type: 'tool_use',
      name: 'json',
      input: { elements: [{ location: 'San Francisco' }] },
    });

    mock.setScenario({
      kind: 'tool-call',
      text: 'Let me check.',
      toolCalls: [{ name: 'lookup', arguments: { q: 'cats' } }],
    });
    const synthesized = await client.messages.stream(question).finalMessage();
    expect(synthesized.content).toMatchObject([
      { type: 'text', text: 'Let me check.' },
      { type: 'tool_use', name: 'lookup', input: { q: 'cats' } },
    ]);
    const nonStreaming = await client.messages.create(question);
    expect(nonStreaming.content[1]).toMatchObject({
      type: 'tool_use',
      id: expect.stringMatching(/^toolu_/),
    });
  });
});

describe('Anthropic errors', () => {
  it('answers an injected 529 with overloaded_error', async () => {
    mock.setFaults({ status: 529, times: 1 });
    const error = await client.messages.create(question).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(OverloadedError);
    expect((error as OverloadedError).error).toMatchObject({
      type: 'error',
      error: { type: 'overloaded_error', message: 'Overloaded' },
      request_id: expect.stringMatching(/^req_/),
    });
  });

  it('answers 429 with rate_limit_error and the given retry-after', async () => {
    mock.setFaults({ status: 429, headers: { 'retry-after': '3' }, times: 1 });
    const error = await client.messages.create(question).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(RateLimitError);
    expect((error as RateLimitError).headers?.get('retry-after')).toBe('3');
  });

  it('rejects a wrong key and a missing anthropic-version', async () => {
    const wrong = new Anthropic({ apiKey: 'sk-ant-wrong', baseURL: mock.url, maxRetries: 0 });
    await expect(wrong.messages.create(question)).rejects.toBeInstanceOf(AuthenticationError);

    const response = await fetch(`${mock.url}/v1/messages`, {
      method: 'POST',
      headers: { 'x-api-key': apiKey, 'content-type': 'application/json' },
      body: JSON.stringify(question),
    });
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({
      type: 'error',
      error: { type: 'invalid_request_error', message: 'anthropic-version: header is required' },
    });
  });

  it('sends an error event after the 200 when the stream fails midway', async () => {
    mock.setFaults({ errorAfterChunks: 3, times: 1 });
    const stream = client.messages.stream(question);
    await expect(stream.finalMessage()).rejects.toThrow(/Overloaded/);
  });

  it('does not serve other dialects when restricted to Anthropic', async () => {
    const response = await fetch(`${mock.url}/v1/chat/completions`, { method: 'POST', body: '{}' });
    expect(response.status).toBe(404);
  });
});
