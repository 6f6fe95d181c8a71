import type { ChatCompletionRequest } from './chat-request.js';

type Check = (value: unknown) => boolean;

const isString: Check = (value) => typeof value === 'string';
const isBoolean: Check = (value) => typeof value === 'boolean';
const nullish =
  (check: Check): Check =>
  (value) =>
    value === null || value === undefined || check(value);
const numberIn =
  (min: number, max: number): Check =>
  (value) =>
    typeof value === 'number' && Number.isFinite(value) && value >= min && value <= max;
const positiveInteger: Check = (value) => Number.isSafeInteger(value) && (value as number) >= 1;

/** The scalar settings a plain request may carry, each with the schema's own constraint. */
const plainSettings: ReadonlyMap<string, Check> = new Map(
  Object.entries({
    stream: nullish(isBoolean),
    temperature: nullish(numberIn(0, 2)),
    top_p: nullish(numberIn(0, 1)),
    max_tokens: nullish(positiveInteger),
    max_completion_tokens: nullish(positiveInteger),
    seed: nullish((value) => Number.isSafeInteger(value)),
    user: nullish(isString),
    stream_options: nullish(isPlainStreamOptions),
  }),
);

const textRoles: ReadonlySet<unknown> = new Set(['system', 'developer', 'user', 'assistant']);

function isPlainObject(value: unknown): value is Readonly<Record<string, unknown>> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isPlainStreamOptions(value: unknown): boolean {
  if (!isPlainObject(value)) return false;
  for (const key in value) if (key !== 'include_usage' || !isBoolean(value[key])) return false;
  return true;
}

function isPlainMessage(value: unknown): boolean {
  if (!isPlainObject(value) || !textRoles.has(value['role'])) return false;
  if (typeof value['content'] !== 'string') return false;
  for (const key in value) {
    if (key === 'role' || key === 'content') continue;
    if (key !== 'name' || !isString(value[key])) return false;
  }
  return true;
}

/**
 * Recognises the most common chat request — text messages with a few scalar settings — and
 * returns it as it is, so the request path can skip the full schema for it. Anything else, or
 * anything doubtful, returns undefined and goes through `chatCompletionRequestSchema`, which
 * remains the definition: a property test holds every body accepted here to the schema's result.
 */
export function readPlainChatRequest(body: unknown): ChatCompletionRequest | undefined {
  if (!isPlainObject(body)) return undefined;
  const { model, messages } = body;
  if (typeof model !== 'string' || model.length === 0) return undefined;
  if (!Array.isArray(messages) || messages.length === 0) return undefined;
  for (const key in body) {
    if (key === 'model' || key === 'messages') continue;
    const check = plainSettings.get(key);
    if (check === undefined || !check(body[key])) return undefined;
  }
  for (const message of messages) if (!isPlainMessage(message)) return undefined;
  return body as ChatCompletionRequest;
}
