import { randomUUID } from 'node:crypto';
import type { MappedResponse, UpstreamTarget } from '../spec/adapter.js';
import type { ChatCompletionChoice, ChatCompletionResponse } from '../spec/chat-response.js';
import { toOpenAiUsage } from '../spec/usage.js';
import { geminiGenerateContentResponseSchema, type GeminiCandidate } from './gemini-api.js';
import { convertGeminiLogprobs } from './convert-gemini-logprobs.js';
import { convertGeminiParts } from './convert-gemini-parts.js';
import { convertGeminiUsage } from './convert-gemini-usage.js';
import { geminiMalformedResponseError } from './gemini-error.js';
import { mapGeminiFinishReason } from './map-gemini-finish-reason.js';

/**
 * `generateContent` response → OpenAI `chat.completion` (reference §3.3, §3.7): candidates
 * become choices, functionCall parts become tool_calls with minted ids, `usageMetadata` becomes
 * usage with thoughts counted as output.
 *
 * A prompt blocked by Google (`promptFeedback.blockReason`, no candidates) is answered as a 200
 * with one empty choice and `finish_reason: "content_filter"` — the reference lets us choose, and
 * this is what OpenAI itself does for filtered output, so clients need no new error handling.
 */
export function convertGeminiResponse(
  body: unknown,
  target: UpstreamTarget,
): MappedResponse<ChatCompletionResponse> {
  const parsed = geminiGenerateContentResponseSchema.safeParse(body);
  if (!parsed.success)
    throw geminiMalformedResponseError(parsed.error.issues[0]?.message ?? 'invalid');
  const response = parsed.data;
  const candidates = response.candidates ?? [];
  if (candidates.length === 0 && !response.promptFeedback?.blockReason) {
    throw geminiMalformedResponseError('no candidates and no promptFeedback');
  }

  let ordinal = 0;
  const nextOrdinal = () => ordinal++;
  const choices: ChatCompletionChoice[] =
    candidates.length > 0
      ? candidates.map((candidate, position) =>
          convertCandidate(candidate, position, response.responseId, nextOrdinal),
        )
      : [
          {
            index: 0,
            message: { role: 'assistant', content: null },
            logprobs: null,
            finish_reason: 'content_filter',
          },
        ];

  const usage = convertGeminiUsage(response.usageMetadata);
  const servedModel = response.modelVersion ?? target.model;
  return {
    body: {
      // Gemini's responseId keeps the answer traceable in Google's logs.
      id: `chatcmpl-${response.responseId ?? randomUUID()}`,
      object: 'chat.completion',
      // Gemini sends no timestamp; the contract gives this mapper no clock.
      created: Math.floor(Date.now() / 1000),
      model: servedModel,
      choices,
      usage: toOpenAiUsage(usage),
    },
    usage,
    servedModel,
  };
}

function convertCandidate(
  candidate: GeminiCandidate,
  position: number,
  responseId: string | undefined,
  nextOrdinal: () => number,
): ChatCompletionChoice {
  const parts = convertGeminiParts(candidate.content?.parts ?? [], responseId, nextOrdinal);
  const hasToolCalls = parts.toolCalls.length > 0;
  return {
    index: candidate.index ?? position,
    message: {
      role: 'assistant',
      content: parts.text === '' ? null : parts.text,
      ...(parts.reasoning === '' ? {} : { reasoning_content: parts.reasoning }),
      ...(hasToolCalls
        ? {
            tool_calls: parts.toolCalls.map((call) => ({
              id: call.id,
              type: 'function' as const,
              function: { name: call.name, arguments: call.arguments },
            })),
          }
        : {}),
    },
    logprobs: convertGeminiLogprobs(candidate.logprobsResult),
    // A candidate without finishReason is only seen mid-stream; in a complete answer, `stop`.
    finish_reason: mapGeminiFinishReason(candidate.finishReason ?? 'STOP', hasToolCalls),
  };
}
