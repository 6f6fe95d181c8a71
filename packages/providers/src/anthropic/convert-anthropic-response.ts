import type { ChatCompletionResponse, ResponseToolCall } from '../spec/chat-response.js';
import { toOpenAiUsage, type NormalizedUsage } from '../spec/usage.js';
import type { AnthropicMessage } from './anthropic-api.js';
import { convertAnthropicUsage } from './convert-anthropic-usage.js';
import { mapAnthropicFinishReason } from './map-anthropic-finish-reason.js';

export interface ConvertedAnthropicResponse {
  body: ChatCompletionResponse;
  usage: NormalizedUsage;
}

/**
 * Anthropic message → OpenAI `chat.completion` (reference §2.5, response table in §2.8).
 * Text blocks are concatenated into `content` (null when there are none, as OpenAI does for
 * pure tool calls); `tool_use` blocks become `tool_calls` with their input re-serialised;
 * `thinking` text goes to the DeepSeek-style `reasoning_content`. `redacted_thinking` is opaque
 * and has no canonical slot. `created` is supplied by the caller because Anthropic sends none.
 */
export function convertAnthropicResponse(
  message: AnthropicMessage,
  created: number,
): ConvertedAnthropicResponse {
  const texts: string[] = [];
  const thoughts: string[] = [];
  const toolCalls: ResponseToolCall[] = [];
  for (const block of message.content) {
    if (block.type === 'text') texts.push(block.text);
    else if (block.type === 'thinking') thoughts.push(block.thinking);
    else if (block.type === 'tool_use') {
      toolCalls.push({
        id: block.id,
        type: 'function',
        function: { name: block.name, arguments: JSON.stringify(block.input ?? {}) },
      });
    }
  }
  const usage = convertAnthropicUsage(message.usage);
  const body: ChatCompletionResponse = {
    id: message.id,
    object: 'chat.completion',
    created,
    model: message.model,
    choices: [
      {
        index: 0,
        message: {
          role: 'assistant',
          content: texts.length > 0 ? texts.join('') : null,
          ...(thoughts.length > 0 ? { reasoning_content: thoughts.join('') } : {}),
          ...(toolCalls.length > 0 ? { tool_calls: toolCalls } : {}),
        },
        logprobs: null,
        finish_reason: mapAnthropicFinishReason(message.stop_reason),
      },
    ],
    usage: toOpenAiUsage(usage),
  };
  return { body, usage };
}
