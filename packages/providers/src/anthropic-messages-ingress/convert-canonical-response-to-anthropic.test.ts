import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { ChatCompletionResponse } from '../spec/chat-response.js';
import { anthropicOutputMessageSchema } from './anthropic-ingress-api.js';
import { convertCanonicalResponseToAnthropic } from './convert-canonical-response-to-anthropic.js';

const recordedOpenAi = JSON.parse(
  readFileSync(new URL('./__fixtures__/openai-text.json', import.meta.url), 'utf8'),
) as ChatCompletionResponse;

const response = (
  message: ChatCompletionResponse['choices'][number]['message'],
  finishReason: ChatCompletionResponse['choices'][number]['finish_reason'],
): ChatCompletionResponse => ({
  id: 'chatcmpl-1',
  object: 'chat.completion',
  created: 1,
  model: 'deepseek-reasoner',
  choices: [{ index: 0, message, logprobs: null, finish_reason: finishReason }],
  usage: {
    prompt_tokens: 1000,
    completion_tokens: 50,
    total_tokens: 1050,
    prompt_tokens_details: { cached_tokens: 900, cache_write_tokens: 60 },
  },
});

describe('convertCanonicalResponseToAnthropic', () => {
  it('turns the recorded OpenAI response into an Anthropic message', () => {
    const message = convertCanonicalResponseToAnthropic(recordedOpenAi);
    expect(message).toEqual({
      id: 'chatcmpl-D8Z5f52zQqikDBEKQMQoYcWMcWPeU',
      type: 'message',
      role: 'assistant',
      model: 'gpt-4.1-nano-2025-04-14',
      content: [{ type: 'text', text: recordedOpenAi.choices[0]?.message.content }],
      stop_reason: 'end_turn',
      stop_sequence: null,
      usage: {
        input_tokens: recordedOpenAi.usage?.prompt_tokens,
        output_tokens: recordedOpenAi.usage?.completion_tokens,
        cache_creation_input_tokens: 0,
        cache_read_input_tokens: 0,
      },
    });
    expect(anthropicOutputMessageSchema.safeParse(message).success).toBe(true);
  });

  it('orders thinking, text and tool_use, and takes cache tokens out of input_tokens', () => {
    const message = convertCanonicalResponseToAnthropic(
      response(
        {
          role: 'assistant',
          content: 'Looking.',
          reasoning_content: 'Need the weather.',
          tool_calls: [
            {
              id: 'call_1',
              type: 'function',
              function: { name: 'weather', arguments: '{"city":"Oslo"}' },
            },
            {
              id: 'call_2',
              type: 'function',
              function: { name: 'weather', arguments: '{not json' },
            },
          ],
        },
        'tool_calls',
      ),
    );
    expect(message.content).toEqual([
      { type: 'thinking', thinking: 'Need the weather.', signature: '' },
      { type: 'text', text: 'Looking.' },
      { type: 'tool_use', id: 'call_1', name: 'weather', input: { city: 'Oslo' } },
      { type: 'tool_use', id: 'call_2', name: 'weather', input: {} },
    ]);
    expect(message.stop_reason).toBe('tool_use');
    expect(message.usage).toEqual({
      input_tokens: 40,
      output_tokens: 50,
      cache_creation_input_tokens: 60,
      cache_read_input_tokens: 900,
    });
  });

  it.each([
    ['stop', 'end_turn'],
    ['length', 'max_tokens'],
    ['tool_calls', 'tool_use'],
    ['function_call', 'tool_use'],
    ['content_filter', 'refusal'],
    [null, 'end_turn'],
  ] as const)('maps finish_reason %s to stop_reason %s', (finishReason, stopReason) => {
    const message = convertCanonicalResponseToAnthropic(
      response({ role: 'assistant', content: 'x' }, finishReason),
    );
    expect(message.stop_reason).toBe(stopReason);
  });

  it('returns a refusal as text and tolerates a response without usage', () => {
    const { usage: _usage, ...withoutUsage } = response(
      { role: 'assistant', content: null, refusal: 'No.' },
      'content_filter',
    );
    const message = convertCanonicalResponseToAnthropic(withoutUsage);
    expect(message.content).toEqual([{ type: 'text', text: 'No.' }]);
    expect(message.usage).toEqual({
      input_tokens: 0,
      output_tokens: 0,
      cache_creation_input_tokens: 0,
      cache_read_input_tokens: 0,
    });
  });
});
