import type { DialectRequest } from './dialect.js';
import { wantsStream } from './dialect.js';
import {
  defaultEmbeddingDimensions,
  embeddingVector,
  encodeFloat32Base64,
  estimateTokens,
} from './embedding-vectors.js';
import { nowInSeconds, randomId } from './ids.js';
import { asArray, asNumber, asRecord, asString } from './json.js';
import { scenarioText } from './openai-chat.js';
import { openAiErrorPlan, openAiStreamErrorEvent } from './openai-errors.js';
import { jsonPlan, sseHeaders, type ResponseHeaders, type ResponsePlan } from './response-plan.js';
import { splitIntoDeltas } from './scenario.js';
import { formatDataEvent, openAiDoneEvent } from './sse.js';

/** `/v1/embeddings`, legacy `/v1/completions` and `/v1/models` (reference §1.9–§1.11). */

export const defaultModelIds = [
  'gpt-4.1',
  'gpt-4.1-mini',
  'gpt-4o-mini',
  'text-embedding-3-small',
  'text-embedding-3-large',
];

export function embeddingsPlan(
  request: DialectRequest,
  model: string,
  headers: ResponseHeaders,
): ResponsePlan {
  const inputs = embeddingInputs(request.body.input);
  if (inputs === undefined) {
    return openAiErrorPlan(
      400,
      "'$.input' is invalid. Please check the API reference: https://platform.openai.com/docs/api-reference.",
      'input',
    );
  }
  const dimensions = asNumber(request.body.dimensions) ?? defaultEmbeddingDimensions(model);
  const base64 = request.body.encoding_format === 'base64';
  const promptTokens = inputs.reduce((sum, text) => sum + estimateTokens(text), 0);
  return jsonPlan(200, headers, {
    object: 'list',
    data: inputs.map((text, index) => {
      const vector = embeddingVector(model, text, dimensions);
      return {
        object: 'embedding',
        index,
        embedding: base64 ? encodeFloat32Base64(vector) : vector,
      };
    }),
    model: request.options.servedModel ?? model,
    usage: { prompt_tokens: promptTokens, total_tokens: promptTokens },
  });
}

/** string | string[] | token ids | token-id arrays → one text per input; undefined if invalid. */
function embeddingInputs(input: unknown): string[] | undefined {
  if (typeof input === 'string') return input === '' ? undefined : [input];
  if (!Array.isArray(input) || input.length === 0) return undefined;
  if (input.every((item) => typeof item === 'number')) return [input.join(' ')];
  const texts: string[] = [];
  for (const item of input) {
    if (typeof item === 'string' && item !== '') texts.push(item);
    else if (Array.isArray(item) && item.length > 0) texts.push(item.join(' '));
    else return undefined;
  }
  return texts;
}

export function completionsPlan(
  request: DialectRequest,
  model: string,
  headers: ResponseHeaders,
): ResponsePlan {
  if (request.body.prompt === undefined)
    return openAiErrorPlan(400, 'Missing required parameter: prompt.', 'prompt');
  const { text, finishReason } = scenarioText(request);
  const responseModel = request.options.servedModel ?? model;
  const id = randomId('cmpl-', 29);
  const created = nowInSeconds();
  const promptText =
    typeof request.body.prompt === 'string'
      ? request.body.prompt
      : JSON.stringify(request.body.prompt);
  const usage = {
    prompt_tokens: estimateTokens(promptText),
    completion_tokens: estimateTokens(text),
    total_tokens: estimateTokens(promptText) + estimateTokens(text),
  };
  const choice = (piece: string, finish: string | null) => ({
    text: piece,
    index: 0,
    logprobs: null,
    finish_reason: finish,
  });
  const envelope = { id, object: 'text_completion', created, model: responseModel };

  if (!wantsStream(request.body)) {
    return jsonPlan(200, headers, { ...envelope, choices: [choice(text, finishReason)], usage });
  }
  const includeUsage = asRecord(request.body.stream_options)?.include_usage === true;
  const payloads: unknown[] = splitIntoDeltas(text).map((piece) => ({
    ...envelope,
    choices: [choice(piece, null)],
  }));
  payloads.push({ ...envelope, choices: [choice('', finishReason)] });
  if (includeUsage) payloads.push({ ...envelope, choices: [], usage });
  return {
    kind: 'stream',
    status: 200,
    headers: { ...sseHeaders, ...headers },
    chunks: [
      ...payloads.map((payload) => formatDataEvent(JSON.stringify(payload))),
      openAiDoneEvent,
    ],
    errorChunk: openAiStreamErrorEvent(),
    malformedChunk:
      'data: {"id":"cmpl-broken","object":"text_completion","choices":[{"text":"tru\n\n',
  };
}

export function modelsPlan(request: DialectRequest, headers: ResponseHeaders): ResponsePlan {
  const ids = request.options.models ?? defaultModelIds;
  const entry = (id: string) => ({ id, object: 'model', created: 1744316542, owned_by: 'system' });
  const wanted = request.route.params.model;
  if (wanted === undefined) return jsonPlan(200, headers, { object: 'list', data: ids.map(entry) });
  if (!ids.includes(wanted)) {
    return openAiErrorPlan(404, `The model '${wanted}' does not exist`, 'model');
  }
  return jsonPlan(200, headers, entry(wanted));
}

/** The request's `model`, or an OpenAI 400 naming the missing parameter. */
export function requireModel(request: DialectRequest): string | ResponsePlan {
  const model = asString(request.body.model);
  if (model === undefined || model === '')
    return openAiErrorPlan(400, 'you must provide a model parameter', 'model');
  return model;
}

/** Chat requests need `messages` with at least one entry. */
export function missingMessages(request: DialectRequest): ResponsePlan | undefined {
  if (asArray(request.body.messages).length > 0) return undefined;
  return openAiErrorPlan(400, "Missing required parameter: 'messages'.", 'messages');
}
