import { describe, expect, it } from 'vitest';
import { anthropicMessageSchema } from './anthropic-api.js';
import { convertAnthropicResponse } from './convert-anthropic-response.js';

describe('convertAnthropicResponse', () => {
  it('maps thinking, text and tool_use blocks and skips redacted or server-tool blocks', () => {
    const message = anthropicMessageSchema.parse({
      id: 'msg_9',
      type: 'message',
      role: 'assistant',
      model: 'claude-opus-4-5',
      content: [
        { type: 'thinking', thinking: 'Let me see.', signature: 'sig' },
        { type: 'redacted_thinking', data: 'opaque' },
        { type: 'web_search_tool_result', tool_use_id: 'srvtoolu_1', content: [] },
        { type: 'text', text: 'Part one. ' },
        { type: 'text', text: 'Part two.' },
        { type: 'tool_use', id: 'toolu_9', name: 'lookup', input: { q: 'x' } },
      ],
      stop_reason: 'refusal',
      usage: { input_tokens: 5, cache_read_input_tokens: 15, output_tokens: 9 },
    });
    const { body, usage } = convertAnthropicResponse(message, 42);
    expect(body.choices).toEqual([
      {
        index: 0,
        message: {
          role: 'assistant',
          content: 'Part one. Part two.',
          reasoning_content: 'Let me see.',
          tool_calls: [
            {
              id: 'toolu_9',
              type: 'function',
              function: { name: 'lookup', arguments: '{"q":"x"}' },
            },
          ],
        },
        logprobs: null,
        finish_reason: 'content_filter',
      },
    ]);
    expect(body.created).toBe(42);
    expect(usage).toMatchObject({ inputTokens: 20, cacheReadTokens: 15, outputTokens: 9 });
    expect(body.usage?.prompt_tokens).toBe(20);
  });
});
