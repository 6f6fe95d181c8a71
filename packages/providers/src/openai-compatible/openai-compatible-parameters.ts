import type { AdapterCapabilities } from '../spec/adapter.js';
import { knownChatRequestFields } from '../spec/chat-request.js';

/**
 * Fields of OpenAI's own Chat Completions request that are not in the canonical zod schema but
 * that OpenAI (and Azure, per api-version) accept; callers reach them through the loose schema.
 * https://platform.openai.com/docs/api-reference/chat/create (reference §1.2)
 */
const openAiOnlyFields = [
  'safety_identifier',
  'prompt_cache_key',
  'verbosity',
  'prediction',
  'modalities',
  'audio',
  'web_search_options',
  'prompt_cache_options',
  'functions',
  'function_call',
];

/** Everything OpenAI itself accepts on `/chat/completions`. */
export const openAiChatParameters: ReadonlySet<string> = new Set([
  ...knownChatRequestFields,
  ...openAiOnlyFields,
]);

/**
 * The part of OpenAI's request that OpenAI-compatible servers broadly accept with the same
 * meaning. Profiles start here and add or remove what their provider's docs say.
 */
export const coreChatParameters: ReadonlySet<string> = new Set([
  'model',
  'messages',
  'temperature',
  'top_p',
  'n',
  'stop',
  'max_tokens',
  'max_completion_tokens',
  'presence_penalty',
  'frequency_penalty',
  'logit_bias',
  'logprobs',
  'top_logprobs',
  'seed',
  'user',
  'tools',
  'tool_choice',
  'parallel_tool_calls',
  'response_format',
  'stream',
  'stream_options',
]);

/** Builds a parameter set from a base, so each profile lists only its differences. */
export function chatParameters(
  base: ReadonlySet<string>,
  changes: { add?: readonly string[]; remove?: readonly string[] },
): ReadonlySet<string> {
  const result = new Set(base);
  for (const name of changes.remove ?? []) result.delete(name);
  for (const name of changes.add ?? []) result.add(name);
  return result;
}

/** Embeddings fields of OpenAI's `/embeddings` (reference §1.10). */
export const openAiEmbeddingsParameters: ReadonlySet<string> = new Set([
  'model',
  'input',
  'encoding_format',
  'dimensions',
  'user',
]);

/** Everything OpenAI's API can do; profiles spread it and switch off what their provider lacks. */
export const openAiCapabilities: AdapterCapabilities = {
  chat: true,
  streaming: true,
  tools: true,
  parallelToolCalls: true,
  jsonObject: true,
  jsonSchema: true,
  vision: true,
  imageUrls: true,
  documents: true,
  embeddings: true,
  completions: true,
  logprobs: true,
  n: true,
  seed: true,
  reasoningEffort: true,
};
