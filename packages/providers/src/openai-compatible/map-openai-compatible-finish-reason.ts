import type { FinishReason } from '../spec/chat-response.js';
import type { OpenAiCompatibleProfile } from './openai-compatible-profile.js';

const openAiFinishReasons: Readonly<Record<string, FinishReason>> = {
  stop: 'stop',
  length: 'length',
  tool_calls: 'tool_calls',
  content_filter: 'content_filter',
  function_call: 'function_call',
};

/**
 * Maps a wire `finish_reason` to the canonical one (reference §1.6). Profiles add their own
 * values (Mistral `model_length`, reference §4.2); `error` means the provider gave up mid-way and
 * the caller must see a failure, not a clean stop. A value nobody knows is read as `stop`, since
 * the generation did end and clients only accept OpenAI's five values.
 */
export function mapOpenAiCompatibleFinishReason(
  finishReason: string | null | undefined,
  profile: Pick<OpenAiCompatibleProfile, 'finishReasons'>,
): FinishReason | 'error' | null {
  if (finishReason === null || finishReason === undefined || finishReason === '') return null;
  return profile.finishReasons?.[finishReason] ?? openAiFinishReasons[finishReason] ?? 'stop';
}
