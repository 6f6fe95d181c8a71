import { randomUUID } from 'node:crypto';
import type { MappedResponse, UpstreamTarget } from '../spec/adapter.js';
import type { ChatCompletionResponse, ResponseToolCall } from '../spec/chat-response.js';
import { toOpenAiUsage } from '../spec/usage.js';
import { bedrockConverseResponseSchema } from './bedrock-api.js';
import { bedrockMalformedResponseError } from './bedrock-error.js';
import { convertBedrockUsage } from './convert-bedrock-usage.js';
import { mapBedrockFinishReason } from './map-bedrock-finish-reason.js';

/**
 * Converse response → OpenAI `chat.completion` (reference §4.10): text blocks are joined into
 * `content`, `toolUse` blocks become tool_calls (Bedrock's toolUseId is kept as the id, so the
 * tool result can be matched back), `reasoningContent` text goes to `reasoning_content`.
 * Converse echoes neither an id, a timestamp nor the model, so those come from here and the target.
 */
export function convertBedrockResponse(
  body: unknown,
  target: UpstreamTarget,
): MappedResponse<ChatCompletionResponse> {
  const parsed = bedrockConverseResponseSchema.safeParse(body);
  if (!parsed.success)
    throw bedrockMalformedResponseError(parsed.error.issues[0]?.message ?? 'invalid body');
  const response = parsed.data;

  let text = '';
  let reasoning = '';
  const toolCalls: ResponseToolCall[] = [];
  for (const block of response.output.message?.content ?? []) {
    if (block.text !== undefined) text += block.text;
    if (block.reasoningContent?.reasoningText?.text)
      reasoning += block.reasoningContent.reasoningText.text;
    if (block.toolUse) {
      toolCalls.push({
        id: block.toolUse.toolUseId,
        type: 'function',
        function: {
          name: block.toolUse.name,
          arguments: JSON.stringify(block.toolUse.input ?? {}),
        },
      });
    }
  }

  const usage = convertBedrockUsage(response.usage);
  return {
    body: {
      id: `chatcmpl-${randomUUID()}`,
      object: 'chat.completion',
      created: Math.floor(Date.now() / 1000),
      model: target.model,
      choices: [
        {
          index: 0,
          message: {
            role: 'assistant',
            content: text === '' ? null : text,
            ...(reasoning === '' ? {} : { reasoning_content: reasoning }),
            ...(toolCalls.length > 0 ? { tool_calls: toolCalls } : {}),
          },
          logprobs: null,
          finish_reason: mapBedrockFinishReason(response.stopReason),
        },
      ],
      usage: toOpenAiUsage(usage),
    },
    usage,
    servedModel: target.model,
  };
}
