import type { NativeChatResponse } from '../spec/adapter.js';
import {
  convertOpenAiCompatibleUsage,
  readOpenAiCompatibleUsage,
} from './convert-openai-compatible-usage.js';
import type { OpenAiCompatibleProfile } from './openai-compatible-profile.js';

/** The finish reasons a client of the OpenAI API accepts, which need no mapping. */
const canonicalFinishReasons: ReadonlySet<unknown> = new Set([
  'stop',
  'length',
  'tool_calls',
  'content_filter',
  'function_call',
]);

type Json = Readonly<Record<string, unknown>>;

function isRecord(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * For a provider whose `chat.completion` already is the canonical response (OpenAI itself):
 * checks the parsed body has everything a client relies on and reads the usage and served model
 * from it, so the gateway can relay the provider's bytes instead of rebuilding them. Returns
 * undefined whenever the full converter must decide (an error body, a missing field, a finish
 * reason or tool call that needs mapping); the converter then normalises or rejects it.
 */
export function readNativeChatResponse(
  body: unknown,
  profile: OpenAiCompatibleProfile,
): NativeChatResponse | undefined {
  if (!isRecord(body) || body['object'] !== 'chat.completion') return undefined;
  if (typeof body['id'] !== 'string' || typeof body['created'] !== 'number') return undefined;
  const model = body['model'];
  if (typeof model !== 'string' || model === '') return undefined;
  const choices = body['choices'];
  if (!Array.isArray(choices) || choices.length === 0) return undefined;
  for (const choice of choices) if (!isCanonicalChoice(choice)) return undefined;
  const wireUsage = readOpenAiCompatibleUsage(body, profile.usage);
  if (!wireUsage) return undefined;
  return { usage: convertOpenAiCompatibleUsage(wireUsage, profile.usage), servedModel: model };
}

function isCanonicalChoice(choice: unknown): boolean {
  if (!isRecord(choice) || typeof choice['index'] !== 'number') return false;
  if (!canonicalFinishReasons.has(choice['finish_reason'])) return false;
  const message = choice['message'];
  if (!isRecord(message) || message['role'] !== 'assistant') return false;
  const content = message['content'];
  if (content !== null && typeof content !== 'string') return false;
  const toolCalls = message['tool_calls'];
  if (toolCalls === undefined || toolCalls === null) return true;
  return Array.isArray(toolCalls) && toolCalls.every(isCanonicalToolCall);
}

function isCanonicalToolCall(call: unknown): boolean {
  if (!isRecord(call) || typeof call['id'] !== 'string' || call['id'] === '') return false;
  if (call['type'] !== 'function') return false;
  const fn = call['function'];
  return isRecord(fn) && typeof fn['name'] === 'string' && typeof fn['arguments'] === 'string';
}
