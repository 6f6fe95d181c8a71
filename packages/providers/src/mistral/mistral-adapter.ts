import { createHash } from 'node:crypto';
import {
  chatParameters,
  coreChatParameters,
  createOpenAiCompatibleAdapter,
  openAiCapabilities,
  type OpenAiCompatibleProfile,
  type WireContentPart,
} from '../openai-compatible/index.js';

const toolCallIdPattern = /^[a-zA-Z0-9]{9}$/;
const alphanumeric = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';

/**
 * Mistral models require tool-call ids matching `^[a-zA-Z0-9]{9}$` (reference §4.2 ⚠: documented
 * for Mistral-on-Bedrock, reported for La Plateforme). Foreign ids (`call_…` from OpenAI) are
 * rewritten by hashing, so the assistant's call and the tool's answer still match in one request
 * and across turns; ids Mistral issued itself pass unchanged.
 */
export function toMistralToolCallId(id: string): string {
  if (toolCallIdPattern.test(id)) return id;
  const digest = createHash('sha256').update(id).digest();
  let result = '';
  for (let i = 0; i < 9; i++) result += alphanumeric[(digest[i] ?? 0) % alphanumeric.length];
  return result;
}

/** Magistral models answer with `[{type:"thinking", thinking:[{type:"text",text}]}, {type:"text",text}]`. */
function readMistralContentParts(parts: readonly WireContentPart[]): {
  text: string;
  reasoning: string;
} {
  let text = '';
  let reasoning = '';
  for (const part of parts) {
    if (part.type === 'text') text += part.text ?? '';
    else if (part.type === 'thinking' && Array.isArray(part['thinking'])) {
      for (const inner of part['thinking'] as unknown[]) {
        if (
          typeof inner === 'object' &&
          inner !== null &&
          'text' in inner &&
          typeof inner.text === 'string'
        ) {
          reasoning += inner.text;
        }
      }
    }
  }
  return { text, reasoning };
}

/**
 * Mistral La Plateforme (reference §4.2, client-ts `ChatCompletionRequest`). Its schema is strict:
 * any unknown field is a 422 `extra_forbidden`, so the allow-list is exactly the documented one.
 * - `seed` is spelled `random_seed`; only `max_tokens` exists (`max_completion_tokens` → 422);
 * - `user`, `logit_bias`, `logprobs`, `top_logprobs`, `messages[].name` and replayed assistant
 *   `reasoning_content` are refused by Mistral (422), so they go through the gate;
 * - extras forwarded: `safe_prompt`, `prompt_mode`, `guardrails`, `prediction`, `prompt_cache_key`;
 * - `stream_options` does not exist: usage arrives on the finish chunk unasked (fixture);
 * - finish reasons add `model_length` (→ `length`) and `error` (→ upstream error);
 * - the error body is flat (`object: "error"`), `message` possibly a pydantic `{detail:[…]}`.
 */
export const mistralProfile: OpenAiCompatibleProfile = {
  id: 'mistral',
  displayName: 'Mistral',
  defaultBaseUrl: 'https://api.mistral.ai/v1',
  capabilities: {
    ...openAiCapabilities,
    // Mistral's document input is its own `document_url` part, not OpenAI's `file` part.
    documents: false,
    completions: false,
    logprobs: false,
  },
  auth: 'bearer',
  chatParameters: chatParameters(coreChatParameters, {
    remove: ['user', 'logit_bias', 'stream_options', 'max_completion_tokens', 'seed'],
    add: [
      'metadata',
      'prediction',
      'reasoning_effort',
      'prompt_mode',
      'guardrails',
      'prompt_cache_key',
      'safe_prompt',
      'random_seed',
    ],
  }),
  renamedParameters: { seed: 'random_seed', max_completion_tokens: 'max_tokens' },
  valueRules: [
    {
      param: 'reasoning_effort',
      allowed: (value) => value !== 'max',
      hint: 'Mistral accepts none…xhigh',
    },
  ],
  messages: {
    developerRole: 'system',
    names: false,
    assistantReasoning: false,
    imageDetail: true,
    audioInput: false,
    rewriteToolCallId: toMistralToolCallId,
  },
  streamOptions: 'unsupported',
  streamTerminator: 'done',
  usage: {},
  reasoningFields: [],
  readContentParts: readMistralContentParts,
  finishReasons: { model_length: 'length', error: 'error' },
  // `/embeddings` with `mistral-embed`; only text input, and no OpenAI-only fields (strict schema).
  embeddings: { parameters: new Set(['model', 'input']), tokenInput: false },
};

export const mistralAdapter = createOpenAiCompatibleAdapter(mistralProfile);
