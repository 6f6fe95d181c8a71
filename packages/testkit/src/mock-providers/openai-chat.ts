import type { DialectRequest } from './dialect.js';
import { wantsStream } from './dialect.js';
import { readRecordedBody, readRecordedChunks, recordedScenarios } from './fixtures.js';
import { asArray, asRecord, asString, cloneJson, parseJson, type JsonRecord } from './json.js';
import {
  assembleChatCompletion,
  synthesizeChatChunks,
  synthesizeChatCompletion,
} from './openai-chat-synthesis.js';
import { openAiStreamErrorEvent } from './openai-errors.js';
import { jsonPlan, sseHeaders, type ResponseHeaders, type ResponsePlan } from './response-plan.js';
import { formatDataEvent, openAiDoneEvent } from './sse.js';

/** Chat completions for OpenAI-compatible routes (OpenAI itself and Azure deployments). */
export interface ChatPlanInput {
  request: DialectRequest;
  /** The model the caller asked for; undefined on Azure, where the deployment decides. */
  requestedModel: string | undefined;
  /** Fallback model name when neither the request nor the recording has one (Azure deployment). */
  fallbackModel?: string;
  headers: ResponseHeaders;
  /** Add Azure's content-filter annotations (reference §4.9). */
  azure: boolean;
}

export function chatCompletionPlan(input: ChatPlanInput): ResponsePlan {
  const { request } = input;
  const scenario = request.scenario();
  const stream = wantsStream(request.body);
  const includeUsage = asRecord(request.body.stream_options)?.include_usage === true;
  const served = request.options.servedModel;

  let payloads: unknown[];
  if (scenario.kind === 'script') {
    const model =
      served ??
      scenario.script.model ??
      input.requestedModel ??
      input.fallbackModel ??
      'mock-model';
    payloads = stream
      ? synthesizeChatChunks(scenario.script, model, includeUsage)
      : [synthesizeChatCompletion(scenario.script, model)];
  } else {
    const info = recordedScenarios[scenario.name];
    const model = served ?? input.requestedModel;
    if (stream) {
      const lines = readRecordedChunks(scenario.name);
      payloads = patchRecordedChunks(lines, model, info.streamUsageNeedsOptIn && !includeUsage);
    } else {
      const body = info.hasBody
        ? cloneJson(readRecordedBody(scenario.name))
        : assembleChatCompletion(readRecordedChunks(scenario.name));
      const record = asRecord(body);
      if (record !== undefined && model !== undefined) record.model = model;
      payloads = [body];
    }
  }

  if (!stream) {
    const [body] = payloads;
    return jsonPlan(200, input.headers, input.azure ? withAzureFilterResults(body) : body);
  }
  const events = payloads.map((payload) =>
    formatDataEvent(typeof payload === 'string' ? payload : JSON.stringify(payload)),
  );
  // Azure's first chunk carries only the prompt filter results, with empty choices (reference §4.9).
  if (input.azure) events.unshift(formatDataEvent(JSON.stringify(azurePromptFilterChunk())));
  events.push(openAiDoneEvent);
  return {
    kind: 'stream',
    status: 200,
    headers: { ...sseHeaders, ...input.headers },
    chunks: events,
    errorChunk: openAiStreamErrorEvent(),
    malformedChunk:
      'data: {"id":"chatcmpl-broken","object":"chat.completion.chunk","choices":[{"index":0,"delta":{"content":"tru\n\n',
  };
}

/**
 * Replays recorded chunk lines untouched unless something must change: the model (request or
 * drift) or the usage that the request did not opt into. Untouched lines keep their exact bytes.
 */
function patchRecordedChunks(
  lines: string[],
  model: string | undefined,
  stripUsage: boolean,
): string[] {
  const result: string[] = [];
  for (const line of lines) {
    const chunk = asRecord(parseJson(line));
    if (chunk === undefined) {
      result.push(line);
      continue;
    }
    let changed = false;
    if (model !== undefined && typeof chunk.model === 'string' && chunk.model !== model) {
      chunk.model = model;
      changed = true;
    }
    if (stripUsage && 'usage' in chunk) {
      // Without include_usage OpenAI sends neither the `usage: null` fields nor the usage chunk.
      if (asArray(chunk.choices).length === 0) continue;
      delete chunk.usage;
      changed = true;
    }
    result.push(changed ? JSON.stringify(chunk) : line);
  }
  return result;
}

const safeFilterResults = {
  hate: { filtered: false, severity: 'safe' },
  self_harm: { filtered: false, severity: 'safe' },
  sexual: { filtered: false, severity: 'safe' },
  violence: { filtered: false, severity: 'safe' },
};

function azurePromptFilterChunk(): JsonRecord {
  return {
    choices: [],
    created: 0,
    id: '',
    model: '',
    object: '',
    prompt_filter_results: [{ prompt_index: 0, content_filter_results: safeFilterResults }],
  };
}

function withAzureFilterResults(body: unknown): unknown {
  const record = asRecord(body);
  if (record === undefined) return body;
  for (const choice of asArray(record.choices)) {
    const choiceRecord = asRecord(choice);
    if (choiceRecord !== undefined) choiceRecord.content_filter_results = safeFilterResults;
  }
  record.prompt_filter_results = [{ prompt_index: 0, content_filter_results: safeFilterResults }];
  return record;
}

/** The text a scenario answers with, for endpoints that only need text (legacy completions). */
export function scenarioText(request: DialectRequest): { text: string; finishReason: string } {
  const scenario = request.scenario();
  if (scenario.kind === 'script') {
    return {
      text: scenario.script.text,
      finishReason: scenario.script.finishReason === 'length' ? 'length' : 'stop',
    };
  }
  const info = recordedScenarios[scenario.name];
  const body = asRecord(
    info.hasBody
      ? readRecordedBody(scenario.name)
      : assembleChatCompletion(readRecordedChunks(scenario.name)),
  );
  const message = asRecord(asRecord(asArray(body?.choices)[0])?.message);
  return { text: asString(message?.content) ?? '', finishReason: 'stop' };
}
