import { createOpenAICompatible } from '@ai-sdk/openai-compatible';
import { generateText, jsonSchema, streamText, tool } from 'ai';
import { expect } from 'vitest';
import type { AdapterDescriptor } from './support/adapter-descriptors.js';
import type { HarnessAccess } from './support/conformance-harness.js';
import { contractTest } from './support/conformance-report.js';
import { weatherParameters } from './openai-chat-contract.js';

const answer = 'Paris is the capital of France, on the Seine.';

/**
 * The Vercel AI SDK's OpenAI-compatible provider pointed at the gateway: text, streaming and
 * tools, the way applications built on `ai` call it (no retries, so failures show).
 */
export function defineAiSdkContract(adapter: AdapterDescriptor, harness: HarnessAccess): void {
  const model = () =>
    createOpenAICompatible({
      name: 'switchyard',
      baseURL: harness().gateway.baseUrl,
      apiKey: harness().key,
      includeUsage: true,
    }).chatModel(adapter.model);
  const tools = {
    get_weather: tool({
      description: 'Current weather in a city',
      inputSchema: jsonSchema<{ city: string }>(weatherParameters),
    }),
  };

  contractTest(adapter, 'ai-sdk', 'generateText returns the text and usage', async () => {
    harness().mock.setScenario({ kind: 'text', text: answer });
    const result = await generateText({
      model: model(),
      prompt: 'Capital of France?',
      maxRetries: 0,
    });
    expect(result.text).toBe(answer);
    expect(result.finishReason).toBe('stop');
    expect(result.usage.inputTokens).toBeGreaterThan(0);
    expect(result.usage.outputTokens).toBeGreaterThan(0);
  });

  // A recorded real stream: synthesized ones cannot reproduce providers that send usage unasked.
  contractTest(
    adapter,
    'ai-sdk',
    'streamText streams the text in pieces and reports usage',
    async () => {
      if (adapter.recordedText) harness().mock.setScenario(adapter.recordedText);
      const errors: unknown[] = [];
      const result = streamText({
        model: model(),
        prompt: 'Capital of France?',
        maxRetries: 0,
        onError: ({ error }) => {
          errors.push(error);
        },
      });
      const pieces: string[] = [];
      for await (const piece of result.textStream) pieces.push(piece);
      expect(errors).toEqual([]);
      expect(pieces.join('')).toMatch(/\S/);
      expect(pieces.length).toBeGreaterThan(1);
      expect(await result.finishReason).toBe('stop');
      expect((await result.usage).outputTokens).toBeGreaterThan(0);
    },
  );

  contractTest(adapter, 'ai-sdk', 'generateText and streamText return tool calls', async () => {
    harness().mock.setScenario({
      kind: 'tool-call',
      toolCalls: [{ name: 'get_weather', arguments: { city: 'Paris' } }],
    });
    const generated = await generateText({
      model: model(),
      prompt: 'Weather in Paris?',
      tools,
      maxRetries: 0,
    });
    expect(generated.finishReason).toBe('tool-calls');
    expect(generated.toolCalls).toEqual([
      expect.objectContaining({ toolName: 'get_weather', input: { city: 'Paris' } }),
    ]);

    const errors: unknown[] = [];
    const streamed = streamText({
      model: model(),
      prompt: 'Weather in Paris?',
      tools,
      maxRetries: 0,
      onError: ({ error }) => {
        errors.push(error);
      },
    });
    const toolCalls = await streamed.toolCalls;
    expect(errors).toEqual([]);
    expect(toolCalls).toEqual([
      expect.objectContaining({ toolName: 'get_weather', input: { city: 'Paris' } }),
    ]);
    expect(await streamed.finishReason).toBe('tool-calls');
  });
}
