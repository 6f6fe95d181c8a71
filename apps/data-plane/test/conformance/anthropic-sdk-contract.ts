import Anthropic, { APIError } from '@anthropic-ai/sdk';
import { expect } from 'vitest';
import type { AdapterDescriptor } from './support/adapter-descriptors.js';
import type { HarnessAccess } from './support/conformance-harness.js';
import { contractTest } from './support/conformance-report.js';
import { weatherParameters } from './openai-chat-contract.js';

const answer = 'Paris is the capital of France, on the Seine.';
const weatherTool: Anthropic.Tool = {
  name: 'get_weather',
  description: 'Current weather in a city',
  input_schema: weatherParameters,
};

async function anthropicError(call: Promise<unknown>): Promise<APIError> {
  const error = await call.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(APIError);
  return error as APIError;
}

/**
 * `POST /v1/messages` with the official `@anthropic-ai/sdk`, whatever the provider behind the
 * model: the ingress must make OpenAI, Gemini, Bedrock… look exactly like Anthropic's API.
 * (SDK 1.14 sends the key as `Authorization: Bearer`; `x-api-key` is proven with a raw call.)
 */
export function defineAnthropicSdkContract(
  adapter: AdapterDescriptor,
  harness: HarnessAccess,
): void {
  const client = () =>
    new Anthropic({ baseURL: harness().gateway.url, apiKey: harness().key, maxRetries: 0 });
  const base = { model: adapter.model, max_tokens: 512 };

  contractTest(
    adapter,
    'anthropic-sdk',
    'messages.create answers in the Messages format',
    async () => {
      harness().mock.setScenario({ kind: 'text', text: answer });
      const { data, response } = await client()
        .messages.create({
          ...base,
          system: 'Be brief.',
          messages: [{ role: 'user', content: 'Capital of France?' }],
        })
        .withResponse();
      expect(data).toMatchObject({
        type: 'message',
        role: 'assistant',
        stop_reason: 'end_turn',
        content: [{ type: 'text', text: answer }],
      });
      expect(data.usage.input_tokens).toBeGreaterThan(0);
      expect(data.usage.output_tokens).toBeGreaterThan(0);
      expect(response.headers.get('x-switchyard-provider')).toBe(adapter.id);
      expect(harness().chatRequests(adapter)[0]!.body).toMatchObject(
        adapter.family.system('Be brief.'),
      );
    },
  );

  // A recorded real stream: synthesized ones cannot reproduce providers that send usage unasked.
  contractTest(
    adapter,
    'anthropic-sdk',
    'messages.stream delivers text deltas and a complete final message',
    async () => {
      if (adapter.recordedText) harness().mock.setScenario(adapter.recordedText);
      const stream = client().messages.stream({
        ...base,
        messages: [{ role: 'user', content: 'Capital of France?' }],
      });
      const deltas: string[] = [];
      stream.on('text', (delta) => deltas.push(delta));
      const message = await stream.finalMessage();
      expect(deltas.length).toBeGreaterThan(1);
      expect(message.stop_reason).toBe('end_turn');
      expect(message.content.filter((block) => block.type === 'text')).toEqual([
        expect.objectContaining({ type: 'text', text: deltas.join('') }),
      ]);
      expect(message.usage.output_tokens).toBeGreaterThan(0);
    },
  );

  contractTest(
    adapter,
    'anthropic-sdk',
    'returns tool_use blocks (plain and streamed) and takes tool_result back',
    async () => {
      const { mock } = harness();
      mock.setScenario({
        kind: 'tool-call',
        toolCalls: [{ name: 'get_weather', arguments: { city: 'Paris' } }],
      });
      const request = {
        ...base,
        tools: [weatherTool],
        messages: [{ role: 'user' as const, content: 'Weather in Paris?' }],
      };
      const created = await client().messages.create(request);
      expect(created.stop_reason).toBe('tool_use');
      const toolUse = created.content.find(
        (block): block is Anthropic.ToolUseBlock => block.type === 'tool_use',
      );
      expect(toolUse).toMatchObject({
        type: 'tool_use',
        id: expect.stringMatching(/\S/),
        name: 'get_weather',
        input: { city: 'Paris' },
      });

      const streamed = await client().messages.stream(request).finalMessage();
      expect(streamed.stop_reason).toBe('tool_use');
      expect(streamed.content.filter((block) => block.type === 'tool_use')).toEqual([
        expect.objectContaining({ name: 'get_weather', input: { city: 'Paris' } }),
      ]);

      mock.setScenario({ kind: 'text', text: 'It is 18°C in Paris.' });
      const followUp = await client().messages.create({
        ...request,
        messages: [
          ...request.messages,
          { role: 'assistant', content: created.content },
          {
            role: 'user',
            content: [
              {
                type: 'tool_result',
                tool_use_id: toolUse!.id,
                content: '{"temperature_c":18}',
              },
            ],
          },
        ],
      });
      expect(followUp.content).toEqual([
        expect.objectContaining({ type: 'text', text: 'It is 18°C in Paris.' }),
      ]);
      expect(mock.requests.at(-1)?.rawBody).toContain('temperature_c');
    },
  );

  contractTest(
    adapter,
    'anthropic-sdk',
    'reports errors in the Anthropic error format',
    async () => {
      // Its own deployment: the injected failures must not open the breaker of the main one.
      const hello = {
        ...base,
        model: harness().faultModel(adapter, 'anthropic-errors'),
        messages: [{ role: 'user' as const, content: 'Hello' }],
      };
      const unknown = await anthropicError(
        client().messages.create({ ...hello, model: `${adapter.model}-unknown` }),
      );
      expect(unknown).toMatchObject({ status: 404, type: 'not_found_error' });

      const message = 'conformance: the prompt is not acceptable';
      harness().mock.setFaults({
        status: 400,
        body: adapter.family.errorBody(400, message),
        dialect: adapter.family.dialect,
      });
      const rejected = await anthropicError(client().messages.create(hello));
      expect(rejected).toMatchObject({ status: 400, type: 'invalid_request_error' });
      expect(rejected.apiMessage).toContain(message);

      harness().mock.setFaults({
        status: 429,
        headers: { 'retry-after': '200' },
        dialect: adapter.family.dialect,
      });
      const limited = await anthropicError(client().messages.create(hello));
      expect(limited).toMatchObject({ status: 503, type: 'overloaded_error' });
      expect(limited.headers?.get('retry-after')).toBe('200');

      const malformed = await fetch(`${harness().gateway.url}/v1/messages`, {
        method: 'POST',
        headers: {
          'x-api-key': harness().key,
          'anthropic-version': '2023-06-01',
          'content-type': 'application/json',
        },
        body: '{"model": "x", "messages": [',
      });
      expect(malformed.status).toBe(400);
      expect(await malformed.json()).toMatchObject({
        type: 'error',
        error: { type: 'invalid_request_error' },
      });
    },
  );

  contractTest(
    adapter,
    'anthropic-sdk',
    'accepts the key as x-api-key, as Anthropic clients send it',
    async () => {
      harness().mock.setScenario({ kind: 'text', text: answer });
      const response = await fetch(`${harness().gateway.url}/v1/messages`, {
        method: 'POST',
        headers: {
          'x-api-key': harness().key,
          'anthropic-version': '2023-06-01',
          'content-type': 'application/json',
        },
        body: JSON.stringify({
          ...base,
          messages: [{ role: 'user', content: 'Capital of France?' }],
        }),
      });
      expect(response.status).toBe(200);
      expect(await response.json()).toMatchObject({
        type: 'message',
        content: [{ type: 'text', text: answer }],
      });
    },
  );
}
