import { nowInSeconds, randomId } from './ids.js';
import { asArray, asNumber, asRecord, asString, parseJson, type JsonRecord } from './json.js';
import { splitIntoDeltas, type ResponseScript } from './scenario.js';

/**
 * Renders a {@link ResponseScript} as an OpenAI chat completion and as its stream chunks, with
 * the fields and order of the recorded OpenAI responses (reference §1.6, §1.7).
 */

function usageOf(script: ResponseScript): JsonRecord {
  const { inputTokens, outputTokens } = script.usage;
  return {
    prompt_tokens: inputTokens,
    completion_tokens: outputTokens,
    total_tokens: inputTokens + outputTokens,
    prompt_tokens_details: { cached_tokens: 0, audio_tokens: 0 },
    completion_tokens_details: {
      reasoning_tokens: 0,
      audio_tokens: 0,
      accepted_prediction_tokens: 0,
      rejected_prediction_tokens: 0,
    },
  };
}

function toolCallsOf(script: ResponseScript): JsonRecord[] {
  return script.toolCalls.map((call) => ({
    id: call.id ?? randomId('call_'),
    type: 'function',
    function: { name: call.name, arguments: JSON.stringify(call.arguments) },
  }));
}

export function synthesizeChatCompletion(script: ResponseScript, model: string): JsonRecord {
  const message: JsonRecord = {
    role: 'assistant',
    content: script.text === '' && script.toolCalls.length > 0 ? null : script.text,
    refusal: null,
    annotations: [],
  };
  if (script.reasoning !== undefined) message.reasoning_content = script.reasoning;
  if (script.toolCalls.length > 0) message.tool_calls = toolCallsOf(script);
  return {
    id: randomId('chatcmpl-', 29),
    object: 'chat.completion',
    created: nowInSeconds(),
    model,
    choices: [{ index: 0, message, logprobs: null, finish_reason: script.finishReason }],
    usage: usageOf(script),
    service_tier: 'default',
    system_fingerprint: 'fp_switchyard_mock',
  };
}

/** Chunk payloads (not yet framed); the usage chunk only when the request opted in. */
export function synthesizeChatChunks(
  script: ResponseScript,
  model: string,
  includeUsage: boolean,
): JsonRecord[] {
  const id = randomId('chatcmpl-', 29);
  const created = nowInSeconds();
  const chunk = (choices: JsonRecord[]): JsonRecord => ({
    id,
    object: 'chat.completion.chunk',
    created,
    model,
    service_tier: 'default',
    system_fingerprint: 'fp_switchyard_mock',
    choices,
    ...(includeUsage ? { usage: null } : {}),
  });
  const delta = (value: JsonRecord, finishReason: string | null = null): JsonRecord =>
    chunk([{ index: 0, delta: value, logprobs: null, finish_reason: finishReason }]);

  const chunks: JsonRecord[] = [delta({ role: 'assistant', content: '', refusal: null })];
  for (const piece of splitIntoDeltas(script.reasoning ?? ''))
    chunks.push(delta({ reasoning_content: piece }));
  for (const piece of splitIntoDeltas(script.text)) chunks.push(delta({ content: piece }));
  toolCallsOf(script).forEach((call, index) => {
    const fn = asRecord(call.function) ?? {};
    const argumentsText = asString(fn.arguments) ?? '';
    // Only the first fragment carries id/type/name; arguments follow in pieces (reference §1.7).
    chunks.push(
      delta({
        tool_calls: [
          { index, id: call.id, type: 'function', function: { name: fn.name, arguments: '' } },
        ],
      }),
    );
    const middle = Math.ceil(argumentsText.length / 2);
    for (const part of [argumentsText.slice(0, middle), argumentsText.slice(middle)]) {
      if (part !== '')
        chunks.push(delta({ tool_calls: [{ index, function: { arguments: part } }] }));
    }
  });
  chunks.push(delta({}, script.finishReason));
  if (includeUsage) chunks.push({ ...chunk([]), usage: usageOf(script) });
  return chunks;
}

/**
 * Builds the non-streaming body from a stream-only recording (xAI's), the way a client
 * accumulates deltas: content and reasoning concatenate, tool-call fragments merge by `index`.
 */
export function assembleChatCompletion(chunkLines: string[]): JsonRecord {
  let first: JsonRecord | undefined;
  let content = '';
  let reasoning = '';
  let finishReason: unknown = null;
  let usage: unknown;
  const toolCalls: JsonRecord[] = [];
  for (const line of chunkLines) {
    const chunk = asRecord(parseJson(line));
    if (chunk === undefined) continue;
    first ??= chunk;
    if (chunk.usage !== undefined && chunk.usage !== null) usage = chunk.usage;
    for (const choice of asArray(chunk.choices)) {
      const choiceRecord = asRecord(choice) ?? {};
      const delta = asRecord(choiceRecord.delta) ?? {};
      content += asString(delta.content) ?? '';
      reasoning += asString(delta.reasoning_content) ?? '';
      if (choiceRecord.finish_reason !== undefined && choiceRecord.finish_reason !== null)
        finishReason = choiceRecord.finish_reason;
      for (const fragment of asArray(delta.tool_calls))
        mergeToolCallFragment(toolCalls, asRecord(fragment) ?? {});
    }
  }
  const message: JsonRecord = { role: 'assistant', content: content === '' ? null : content };
  if (reasoning !== '') message.reasoning_content = reasoning;
  if (toolCalls.length > 0) message.tool_calls = toolCalls;
  return {
    id: first?.id,
    object: 'chat.completion',
    created: first?.created,
    model: first?.model,
    choices: [{ index: 0, message, finish_reason: finishReason }],
    usage,
    system_fingerprint: first?.system_fingerprint,
  };
}

function mergeToolCallFragment(toolCalls: JsonRecord[], fragment: JsonRecord): void {
  const index = asNumber(fragment.index) ?? toolCalls.length;
  const fn = asRecord(fragment.function) ?? {};
  const existing = toolCalls[index];
  if (existing === undefined) {
    toolCalls[index] = {
      id: fragment.id,
      type: fragment.type ?? 'function',
      function: { name: fn.name, arguments: asString(fn.arguments) ?? '' },
    };
    return;
  }
  const existingFunction = asRecord(existing.function) ?? {};
  existingFunction.arguments =
    (asString(existingFunction.arguments) ?? '') + (asString(fn.arguments) ?? '');
}
