import { readRecordedBody, readRecordedChunks } from './fixtures.js';
import { randomId } from './ids.js';
import { asRecord, cloneJson, parseJson, type JsonRecord } from './json.js';
import { splitIntoDeltas, type ResolvedScenario, type ResponseScript } from './scenario.js';

/**
 * Gemini `GenerateContentResponse` bodies and stream payloads (reference §3.3, §3.4). Stream
 * events carry only the new parts, usage is cumulative on every event, `finishReason` is on the
 * last one, and function calls arrive whole.
 */

const finishReasonOf: Record<ResponseScript['finishReason'], string> = {
  stop: 'STOP',
  length: 'MAX_TOKENS',
  // Gemini reports STOP when it called functions; the parts say what happened.
  tool_calls: 'STOP',
};

function usageMetadata(promptTokens: number, candidatesTokens: number): JsonRecord {
  return {
    promptTokenCount: promptTokens,
    candidatesTokenCount: candidatesTokens,
    totalTokenCount: promptTokens + candidatesTokens,
    promptTokensDetails: [{ modality: 'TEXT', tokenCount: promptTokens }],
  };
}

function candidate(parts: JsonRecord[], finishReason: string | undefined): JsonRecord {
  return {
    content: { parts, role: 'model' },
    ...(finishReason === undefined ? {} : { finishReason }),
    index: 0,
  };
}

function scriptParts(script: ResponseScript, includeThoughts: boolean): JsonRecord[] {
  const parts: JsonRecord[] = [];
  if (includeThoughts && script.reasoning !== undefined)
    parts.push({ text: script.reasoning, thought: true });
  if (script.text !== '') parts.push({ text: script.text });
  for (const call of script.toolCalls)
    parts.push({ functionCall: { name: call.name, args: call.arguments } });
  return parts;
}

/** Recorded payloads get `modelVersion` rewritten to the served model. */
function withModelVersion(payload: unknown, model: string): unknown {
  const record = asRecord(payload);
  if (record !== undefined && 'modelVersion' in record) record.modelVersion = model;
  return payload;
}

export function geminiGenerateBody(
  scenario: ResolvedScenario,
  model: string,
  includeThoughts: boolean,
): unknown {
  if (scenario.kind === 'recorded')
    return withModelVersion(cloneJson(readRecordedBody(scenario.name)), model);
  const { script } = scenario;
  return {
    candidates: [
      candidate(scriptParts(script, includeThoughts), finishReasonOf[script.finishReason]),
    ],
    usageMetadata: usageMetadata(script.usage.inputTokens, script.usage.outputTokens),
    modelVersion: model,
    responseId: randomId('', 23),
  };
}

/** One JSON text per stream event, recorded lines kept byte-exact unless the model changes. */
export function geminiStreamPayloads(
  scenario: ResolvedScenario,
  model: string,
  includeThoughts: boolean,
): string[] {
  if (scenario.kind === 'recorded') {
    return readRecordedChunks(scenario.name).map((line) => {
      const record = asRecord(parseJson(line));
      if (record === undefined || record.modelVersion === model) return line;
      return JSON.stringify(withModelVersion(record, model));
    });
  }
  const { script } = scenario;
  const responseId = randomId('', 23);
  const pieces: JsonRecord[][] = [];
  if (includeThoughts && script.reasoning !== undefined)
    pieces.push([{ text: script.reasoning, thought: true }]);
  for (const piece of splitIntoDeltas(script.text)) pieces.push([{ text: piece }]);
  for (const call of script.toolCalls)
    pieces.push([{ functionCall: { name: call.name, args: call.arguments } }]);
  if (pieces.length === 0) pieces.push([{ text: '' }]);

  let emittedTokens = 0;
  const perPiece = Math.max(1, Math.floor(script.usage.outputTokens / pieces.length));
  return pieces.map((parts, index) => {
    const last = index === pieces.length - 1;
    emittedTokens = last ? script.usage.outputTokens : emittedTokens + perPiece;
    return JSON.stringify({
      candidates: [candidate(parts, last ? finishReasonOf[script.finishReason] : undefined)],
      usageMetadata: usageMetadata(script.usage.inputTokens, emittedTokens),
      modelVersion: model,
      responseId,
    });
  });
}
