import type OpenAI from 'openai';
import { expect } from 'vitest';
import type { ScenarioToolCall } from '@switchyard/testkit';
import type { AdapterDescriptor } from './support/adapter-descriptors.js';
import type { HarnessAccess } from './support/conformance-harness.js';
import { contractTest, supports } from './support/conformance-report.js';
import { expectRefusedThenDropped } from './support/expect-refusal.js';
import { collectStream, type CollectedStream } from './support/collect-stream.js';

type Usage = OpenAI.CompletionUsage & { cost_nano_usd?: string };

export const weatherParameters = {
  type: 'object' as const,
  properties: { city: { type: 'string' as const, description: 'City name' } },
  required: ['city'],
};
const weatherTool: OpenAI.ChatCompletionFunctionTool = {
  type: 'function',
  function: {
    name: 'get_weather',
    description: 'Current weather in a city',
    parameters: weatherParameters,
  },
};
const timeTool: OpenAI.ChatCompletionFunctionTool = {
  type: 'function',
  function: {
    name: 'get_time',
    description: 'Local time in a city',
    parameters: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] },
  },
};
const parisWeather: ScenarioToolCall = { name: 'get_weather', arguments: { city: 'Paris' } };
const tokyoTime: ScenarioToolCall = { name: 'get_time', arguments: { city: 'Tokyo' } };
const question: OpenAI.ChatCompletionMessageParam[] = [
  { role: 'user', content: 'Weather in Paris, time in Tokyo?' },
];

/**
 * Chat through the official `openai` v6 client: plain text, streaming chunk by chunk with the
 * final usage chunk, tool calls (single, streamed, parallel) and a tool-result round trip.
 */
export function defineOpenAiChatContract(adapter: AdapterDescriptor, harness: HarnessAccess): void {
  contractTest(
    adapter,
    'text',
    'answers a non-streaming request and says what served it',
    async () => {
      const { mock, openai } = harness();
      if (adapter.recordedText) mock.setScenario(adapter.recordedText);
      const { data, response } = await openai()
        .chat.completions.create({
          model: adapter.model,
          messages: [
            { role: 'system', content: 'Answer in one sentence.' },
            { role: 'user', content: 'Hello' },
          ],
        })
        .withResponse();
      expect(data.object).toBe('chat.completion');
      expect(data.choices[0]?.message.content).toMatch(/\S/);
      expect(data.choices[0]?.finish_reason).toBe('stop');
      expect(data.usage?.prompt_tokens).toBeGreaterThan(0);
      expect(data.usage?.completion_tokens).toBeGreaterThan(0);
      expect(Object.fromEntries(response.headers)).toMatchObject({
        'x-request-id': expect.stringMatching(/\S{8,}/),
        'x-switchyard-provider': adapter.id,
        'x-switchyard-deployment': `${adapter.id}-primary`,
        'x-switchyard-model': expect.stringMatching(/\S/),
        'x-switchyard-model-id': adapter.model,
        'x-switchyard-attempts': '1',
        'x-switchyard-overhead-ms': expect.stringMatching(/^\d+(\.\d+)?$/),
        ...(adapter.region ? { 'x-switchyard-region': adapter.region } : {}),
      });
      expect(BigInt(response.headers.get('x-switchyard-cost-nano-usd') ?? '0')).toBeGreaterThan(0n);
      const upstream = harness().chatRequests(adapter);
      expect(upstream).toHaveLength(1);
      expect(decodeURIComponent(upstream[0]!.path)).toBe(
        adapter.family.chatPath(adapter.providerModelId, false),
      );
      expect(upstream[0]!.body).toMatchObject(adapter.family.system('Answer in one sentence.'));
    },
  );

  contractTest(
    adapter,
    'text',
    "reports the provider's own token counts and prices them exactly",
    async () => {
      harness().mock.setScenario({
        kind: 'text',
        text: 'Counted.',
        usage: { inputTokens: 321, outputTokens: 54 },
      });
      const { data, response } = await harness()
        .openai()
        .chat.completions.create({
          model: adapter.model,
          messages: [{ role: 'user', content: 'Count' }],
        })
        .withResponse();
      expect(data.usage).toMatchObject({
        prompt_tokens: 321,
        completion_tokens: 54,
        total_tokens: 375,
      });
      // testPrice: $1 per million input tokens, $2 per million output tokens, in nano-USD.
      expect(response.headers.get('x-switchyard-cost-nano-usd')).toBe(
        String(321 * 1_000 + 54 * 2_000),
      );
      expect(response.headers.get('x-switchyard-model')).toBe(data.model);
    },
  );

  contractTest(adapter, 'text', 'is listed by GET /v1/models for the key', async () => {
    const models = [];
    for await (const model of harness().openai().models.list()) models.push(model);
    expect(models).toContainEqual(
      expect.objectContaining({ id: adapter.model, owned_by: adapter.id }),
    );
  });

  contractTest(
    adapter,
    'streaming',
    'streams chunk by chunk and ends with a usage chunk carrying the cost',
    async () => {
      const { mock, openai } = harness();
      if (adapter.recordedText) mock.setScenario(adapter.recordedText);
      const { data: stream, response } = await openai()
        .chat.completions.create({
          model: adapter.model,
          messages: [{ role: 'user', content: 'Hello' }],
          stream: true,
          stream_options: { include_usage: true },
        })
        .withResponse();
      expect(response.headers.get('content-type')).toMatch(/^text\/event-stream/);
      expect(response.headers.get('x-switchyard-provider')).toBe(adapter.id);
      const collected = await collectStream(stream);
      expect(collected.contentChunks).toBeGreaterThan(1);
      expect(collected.text).toMatch(/\S/);
      expect(collected.finishReason).toBe('stop');
      expect(new Set(collected.ids).size).toBe(1);
      const last = collected.chunks.at(-1)!;
      expect(last.choices).toEqual([]);
      const usage = last.usage as Usage | undefined;
      expect(usage?.completion_tokens).toBeGreaterThan(0);
      expect(BigInt(usage?.cost_nano_usd ?? '0')).toBeGreaterThan(0n);
      const upstream = harness().chatRequests(adapter);
      expect(upstream).toHaveLength(1);
      expect(decodeURIComponent(upstream[0]!.path)).toBe(
        adapter.family.chatPath(adapter.providerModelId, true),
      );
      expect(upstream[0]!.body).toMatchObject(adapter.family.streamBody);
    },
  );

  contractTest(
    adapter,
    'tools',
    'returns a tool call in the native tool format, then takes its result',
    async () => {
      const { mock, openai } = harness();
      mock.setScenario({ kind: 'tool-call', toolCalls: [parisWeather] });
      const completion = await openai().chat.completions.create({
        model: adapter.model,
        messages: question,
        tools: [weatherTool],
      });
      const choice = completion.choices[0]!;
      expect(choice.finish_reason).toBe('tool_calls');
      expect(choice.message.tool_calls).toHaveLength(1);
      const call = choice.message.tool_calls![0]! as OpenAI.ChatCompletionMessageFunctionToolCall;
      expect(call).toMatchObject({
        type: 'function',
        id: expect.stringMatching(/\S/),
        function: { name: 'get_weather' },
      });
      expect(JSON.parse(call.function.arguments)).toEqual({ city: 'Paris' });
      expect(harness().chatRequests(adapter)[0]!.body).toMatchObject(
        adapter.family.tools('get_weather', weatherParameters),
      );

      mock.setScenario({ kind: 'text', text: 'It is 18°C in Paris.' });
      const followUp = await openai().chat.completions.create({
        model: adapter.model,
        tools: [weatherTool],
        messages: [
          ...question,
          { role: 'assistant', content: null, tool_calls: [call] },
          { role: 'tool', tool_call_id: call.id, content: '{"temperature_c":18}' },
        ],
      });
      expect(followUp.choices[0]?.message.content).toBe('It is 18°C in Paris.');
      expect(harness().chatRequests(adapter)[1]!.rawBody).toContain('temperature_c');
    },
  );

  contractTest(
    adapter,
    'tool-streaming',
    'streams tool-call deltas with a stable index and id',
    async () => {
      harness().mock.setScenario({ kind: 'tool-call', toolCalls: [parisWeather] });
      const stream = await harness()
        .openai()
        .chat.completions.create({
          model: adapter.model,
          messages: question,
          tools: [weatherTool],
          stream: true,
        });
      const collected = await collectStream(stream);
      expect(collected.finishReason).toBe('tool_calls');
      expectToolCalls(collected, [parisWeather]);
    },
  );

  if (!supports(adapter, 'parallel-tools')) {
    contractTest(
      adapter,
      'parallel-tools',
      'refuses parallel_tool_calls (not supported by the provider), or drops it',
      () =>
        expectRefusedThenDropped(
          harness(),
          adapter,
          {
            model: adapter.model,
            messages: question,
            tools: [weatherTool, timeTool],
            parallel_tool_calls: true,
          },
          'parallel_tool_calls',
        ),
    );
    return;
  }
  contractTest(adapter, 'parallel-tools', 'returns two parallel tool calls', async () => {
    harness().mock.setScenario({ kind: 'tool-call', toolCalls: [parisWeather, tokyoTime] });
    const completion = await harness()
      .openai()
      .chat.completions.create({
        model: adapter.model,
        messages: question,
        tools: [weatherTool, timeTool],
        parallel_tool_calls: true,
      });
    const calls = (completion.choices[0]?.message.tool_calls ??
      []) as OpenAI.ChatCompletionMessageFunctionToolCall[];
    expect(calls.map((call) => call.function.name)).toEqual(['get_weather', 'get_time']);
    expect(calls.map((call) => JSON.parse(call.function.arguments) as unknown)).toEqual([
      { city: 'Paris' },
      { city: 'Tokyo' },
    ]);
    expect(new Set(calls.map((call) => call.id)).size).toBe(2);
  });

  contractTest(
    adapter,
    'parallel-tools',
    'streams two parallel tool calls, each under its own index',
    async () => {
      harness().mock.setScenario({ kind: 'tool-call', toolCalls: [parisWeather, tokyoTime] });
      const stream = await harness()
        .openai()
        .chat.completions.create({
          model: adapter.model,
          messages: question,
          tools: [weatherTool, timeTool],
          parallel_tool_calls: true,
          stream: true,
        });
      const collected = await collectStream(stream);
      expect(collected.finishReason).toBe('tool_calls');
      expectToolCalls(collected, [parisWeather, tokyoTime]);
    },
  );
}

/** Each index: the first delta names the call and carries its id; later ones never change it. */
function expectToolCalls(collected: CollectedStream, expected: ScenarioToolCall[]): void {
  expect([...collected.toolCalls.keys()]).toEqual(expected.map((_, index) => index));
  expected.forEach((call, index) => {
    const assembled = collected.toolCalls.get(index)!;
    expect(assembled.ids).toHaveLength(1);
    expect(assembled.ids[0]).toMatch(/\S/);
    expect(assembled.firstDeltaHadId).toBe(true);
    expect(assembled.name).toBe(call.name);
    expect(JSON.parse(assembled.arguments)).toEqual(call.arguments);
  });
  const ids = [...collected.toolCalls.values()].map((call) => call.ids[0]);
  expect(new Set(ids).size).toBe(expected.length);
}
