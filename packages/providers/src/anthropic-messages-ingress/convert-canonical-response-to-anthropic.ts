import type { ChatCompletionResponse, ResponseToolCall } from '../spec/chat-response.js';
import type { AnthropicOutputBlock, AnthropicOutputMessage } from './anthropic-ingress-api.js';
import { convertCanonicalUsageToAnthropic } from './convert-canonical-usage-to-anthropic.js';
import { mapCanonicalFinishReason } from './map-canonical-finish-reason.js';

/**
 * Canonical `chat.completion` → Anthropic message (§2.5). Blocks come in the order Anthropic
 * produces them: thinking, text, then tool_use. The ingress never asks for n > 1, so only
 * choice 0 is read.
 */
export function convertCanonicalResponseToAnthropic(
  response: ChatCompletionResponse,
): AnthropicOutputMessage {
  const choice = response.choices.find((candidate) => candidate.index === 0) ?? response.choices[0];
  const content: AnthropicOutputBlock[] = [];
  const message = choice?.message;
  if (message?.reasoning_content) {
    // Anthropic clients expect a signature; upstreams other than Anthropic have none to give.
    content.push({ type: 'thinking', thinking: message.reasoning_content, signature: '' });
  }
  if (message?.content) content.push({ type: 'text', text: message.content });
  if (message?.refusal) content.push({ type: 'text', text: message.refusal });
  for (const call of message?.tool_calls ?? []) content.push(toToolUse(call));
  return {
    id: response.id,
    type: 'message',
    role: 'assistant',
    model: response.model,
    content,
    stop_reason: mapCanonicalFinishReason(choice?.finish_reason),
    stop_sequence: null,
    usage: convertCanonicalUsageToAnthropic(response.usage),
  };
}

/**
 * Tool arguments are a JSON string in OpenAI and an object in Anthropic. Models without strict
 * mode can emit arguments that are not a JSON object; those arrive as `{}` because the block
 * type allows nothing else — the client then sees a call with no arguments and can retry.
 */
function parseToolArguments(text: string): Record<string, unknown> {
  try {
    const value: unknown = JSON.parse(text);
    if (typeof value === 'object' && value !== null && !Array.isArray(value))
      return value as Record<string, unknown>;
  } catch {
    // fall through
  }
  return {};
}

function toToolUse(call: ResponseToolCall): AnthropicOutputBlock {
  return {
    type: 'tool_use',
    id: call.id,
    name: call.function.name,
    input: parseToolArguments(call.function.arguments),
  };
}
