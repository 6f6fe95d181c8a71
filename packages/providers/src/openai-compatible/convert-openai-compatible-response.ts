import { z } from 'zod';
import type { MappedResponse, UpstreamTarget } from '../spec/adapter.js';
import type { ChatCompletionChoice, ChatCompletionResponse } from '../spec/chat-response.js';
import { emptyUsage, toOpenAiUsage } from '../spec/usage.js';
import {
  convertOpenAiCompatibleUsage,
  readOpenAiCompatibleUsage,
} from './convert-openai-compatible-usage.js';
import { mapOpenAiCompatibleFinishReason } from './map-openai-compatible-finish-reason.js';
import { wireChatResponseSchema, type WireChatResponse } from './openai-compatible-api.js';
import {
  generationFailedError,
  invalidResponseError,
  mapOpenAiCompatibleErrorPayload,
} from './openai-compatible-error.js';
import type { OpenAiCompatibleProfile } from './openai-compatible-profile.js';
import {
  readOpenAiCompatibleMessageText,
  toResponseToolCall,
} from './read-openai-compatible-message.js';

/**
 * Converts a non-streaming `chat.completion` body to the canonical response. Usage is rendered
 * in OpenAI's convention from the normalised numbers, so a client sees the same semantics
 * whichever provider answered (xAI's `completion_tokens` then include reasoning).
 * https://platform.openai.com/docs/api-reference/chat/object (reference §1.6, §4)
 */
export function convertOpenAiCompatibleResponse(
  body: unknown,
  target: UpstreamTarget,
  profile: OpenAiCompatibleProfile,
): MappedResponse<ChatCompletionResponse> {
  if (typeof body === 'object' && body !== null && 'error' in body && !('choices' in body)) {
    throw mapOpenAiCompatibleErrorPayload(profile, body);
  }
  const parsed = wireChatResponseSchema.safeParse(body);
  if (!parsed.success) {
    throw invalidResponseError(profile.displayName, z.prettifyError(parsed.error), parsed.error);
  }
  const wire = parsed.data;
  const wireUsage = readOpenAiCompatibleUsage(wire, profile.usage);
  const usage = wireUsage ? convertOpenAiCompatibleUsage(wireUsage, profile.usage) : emptyUsage();
  const response: ChatCompletionResponse = {
    id: wire.id,
    object: 'chat.completion',
    created: wire.created ?? Math.floor(Date.now() / 1000),
    model: wire.model || target.model,
    choices: wire.choices.map((choice) => convertChoice(choice, wire.id, profile)),
    ...(wireUsage ? { usage: toOpenAiUsage(usage) } : {}),
    ...(wire.system_fingerprint !== undefined
      ? { system_fingerprint: wire.system_fingerprint }
      : {}),
    ...(wire.service_tier !== undefined ? { service_tier: wire.service_tier } : {}),
  };
  return { body: response, usage, servedModel: wire.model || target.model };
}

function convertChoice(
  choice: WireChatResponse['choices'][number],
  responseId: string,
  profile: OpenAiCompatibleProfile,
): ChatCompletionChoice {
  const finishReason = mapOpenAiCompatibleFinishReason(choice.finish_reason, profile);
  if (finishReason === 'error') throw generationFailedError(profile.displayName);
  const { content, reasoning } = readOpenAiCompatibleMessageText(choice.message, profile);
  const toolCalls = (choice.message.tool_calls ?? []).map((call, position) =>
    toResponseToolCall(call, `call_${responseId}_${choice.index}_${position}`),
  );
  return {
    index: choice.index,
    message: {
      role: 'assistant',
      content: content ?? null,
      ...(choice.message.refusal !== undefined ? { refusal: choice.message.refusal } : {}),
      ...(toolCalls.length > 0 ? { tool_calls: toolCalls } : {}),
      ...(reasoning ? { reasoning_content: reasoning } : {}),
    },
    logprobs: choice.logprobs ?? null,
    finish_reason: finishReason,
  };
}
