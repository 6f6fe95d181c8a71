import { describe, expect, it } from 'vitest';
import { openAiProfile } from '../openai/openai-adapter.js';
import { readJson } from './__fixtures__/replay-sse.js';
import { readNativeChatResponse } from './read-native-chat-response.js';

const recorded = () =>
  readJson(new URL('../openai/__fixtures__/openai-text.json', import.meta.url)) as {
    choices: { message: Record<string, unknown>; finish_reason: unknown }[];
    [key: string]: unknown;
  };

describe('readNativeChatResponse', () => {
  it("reads usage and the served model from OpenAI's recorded answer", () => {
    expect(readNativeChatResponse(recorded(), openAiProfile)).toEqual({
      usage: {
        inputTokens: 16,
        outputTokens: 363,
        cacheReadTokens: 0,
        cacheWriteTokens: 0,
        reasoningTokens: 0,
      },
      servedModel: 'gpt-4.1-nano-2025-04-14',
    });
  });

  it('accepts complete tool calls', () => {
    const body = recorded();
    body.choices[0]!.message['tool_calls'] = [
      { id: 'call_1', type: 'function', function: { name: 'f', arguments: '{}' } },
    ];
    body.choices[0]!.finish_reason = 'tool_calls';
    expect(readNativeChatResponse(body, openAiProfile)?.servedModel).toBe(
      'gpt-4.1-nano-2025-04-14',
    );
  });

  const needsConversion: [string, (body: ReturnType<typeof recorded>) => void][] = [
    [
      'an error body',
      (body) => Object.assign(body, { object: undefined, error: { message: 'x' } }),
    ],
    ['no usage', (body) => delete body['usage']],
    ['usage of the wrong type', (body) => (body['usage'] = { prompt_tokens: 'many' })],
    ['no created time', (body) => delete body['created']],
    ['an empty model', (body) => (body['model'] = '')],
    ['no choices', (body) => (body['choices'] = [])],
    ['a finish reason to map', (body) => (body.choices[0]!.finish_reason = 'model_length')],
    ['array content', (body) => (body.choices[0]!.message['content'] = [{ type: 'text' }])],
    [
      'a tool call without an id',
      (body) =>
        (body.choices[0]!.message['tool_calls'] = [
          { type: 'function', function: { name: 'f', arguments: '{}' } },
        ]),
    ],
    [
      'tool arguments sent as an object',
      (body) =>
        (body.choices[0]!.message['tool_calls'] = [
          { id: 'c', type: 'function', function: { name: 'f', arguments: {} } },
        ]),
    ],
  ];
  it.each(needsConversion)('leaves %s to the full converter', (_name, change) => {
    const body = recorded();
    change(body);
    expect(readNativeChatResponse(body, openAiProfile)).toBeUndefined();
  });
});
