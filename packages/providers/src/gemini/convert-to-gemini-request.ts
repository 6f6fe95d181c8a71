import type { MapRequestOptions, UpstreamTarget } from '../spec/adapter.js';
import type { ChatCompletionRequest } from '../spec/chat-request.js';
import { gateParameters, gateValue } from '../spec/parameter-gate.js';
import type {
  GeminiGenerateContentRequest,
  GeminiGenerationConfig,
  GeminiThinkingConfig,
} from './gemini-api.js';
import { convertToGeminiContents } from './convert-to-gemini-contents.js';
import { convertToGeminiJsonSchema, convertToGeminiTools } from './convert-to-gemini-tools.js';

/**
 * Top-level OpenAI parameters Gemini can honour (reference §3.7). Everything else — `logit_bias`,
 * `user`, `metadata`, `service_tier`, unknown extensions — is refused or dropped by the gate.
 */
const supportedParameters: ReadonlySet<string> = new Set([
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
  'logprobs',
  'top_logprobs',
  'seed',
  'tools',
  'tool_choice',
  'response_format',
  'stream',
  'stream_options',
  'reasoning_effort',
]);

/**
 * Values that ask for exactly what Gemini does anyway, so honouring them needs no field:
 * Gemini may return several function calls at once, and it keeps nothing for distillation.
 */
const neutralValues: Readonly<Record<string, unknown>> = {
  parallel_tool_calls: true,
  store: false,
};

/**
 * OpenAI `reasoning_effort` → Gemini 2.5 `thinkingBudget`, using the budgets Google's own
 * OpenAI-compatible endpoint documents (https://ai.google.dev/gemini-api/docs/openai:
 * low 1K, medium 8K, high 24K, none = thinking off). Other efforts have no documented budget.
 */
const thinkingBudgets: Readonly<Record<string, number>> = {
  none: 0,
  low: 1024,
  medium: 8192,
  high: 24576,
};
const thinkingLevels: Readonly<Record<string, GeminiThinkingConfig['thinkingLevel']>> = {
  minimal: 'MINIMAL',
  low: 'LOW',
  medium: 'MEDIUM',
  high: 'HIGH',
};

export function geminiTargetName(target: UpstreamTarget): string {
  return `Gemini (${target.model})`;
}

/** Google's public endpoint, used when the target names no base URL of its own. */
const defaultBaseUrl = 'https://generativelanguage.googleapis.com';

/** `{baseUrl}/v1beta/models/{model}:{method}` (reference §3.1); a base URL may already end in /v1beta. */
export function buildGeminiUrl(target: UpstreamTarget, method: string, stream = false): string {
  const base = (target.baseUrl || defaultBaseUrl).replace(/\/+$/, '').replace(/\/v1beta$/, '');
  const model = /^(models|tunedModels)\//.test(target.model)
    ? target.model
    : `models/${encodeURIComponent(target.model)}`;
  return `${base}/v1beta/${model}:${method}${stream ? '?alt=sse' : ''}`;
}

/** Converts a canonical chat request into a `generateContent` body; never does I/O. */
export function convertToGeminiRequest(
  request: ChatCompletionRequest,
  target: UpstreamTarget,
  options: MapRequestOptions,
): { body: GeminiGenerateContentRequest; dropped: string[] } {
  const targetName = geminiTargetName(target);
  const checked = Object.fromEntries(
    Object.entries(request).filter(
      ([key, value]) => !(key in neutralValues && neutralValues[key] === value),
    ),
  );
  const dropped = gateParameters(checked, supportedParameters, targetName, options.unsupported);
  const gate = (param: string, allowed: boolean, hint?: string) =>
    gateValue(param, allowed, targetName, options.unsupported, dropped, hint);

  const { systemInstruction, contents } = convertToGeminiContents(request.messages, gate);
  const { tools, toolConfig } = convertToGeminiTools(request.tools, request.tool_choice, gate);
  const generationConfig = convertGenerationConfig(request, target, gate);

  const body: GeminiGenerateContentRequest = {
    ...(systemInstruction ? { systemInstruction } : {}),
    contents,
    ...(tools ? { tools } : {}),
    ...(toolConfig ? { toolConfig } : {}),
    ...(Object.keys(generationConfig).length > 0 ? { generationConfig } : {}),
  };
  return { body, dropped };
}

function convertGenerationConfig(
  request: ChatCompletionRequest,
  target: UpstreamTarget,
  gate: (param: string, allowed: boolean, hint?: string) => boolean,
): GeminiGenerationConfig {
  const config: GeminiGenerationConfig = {};
  if (request.temperature != null) config.temperature = request.temperature;
  if (request.top_p != null) config.topP = request.top_p;
  if (request.n != null) config.candidateCount = request.n;
  const maxTokens = request.max_completion_tokens ?? request.max_tokens;
  if (maxTokens != null) config.maxOutputTokens = maxTokens;
  if (request.stop != null)
    config.stopSequences = typeof request.stop === 'string' ? [request.stop] : request.stop;
  if (request.presence_penalty != null) config.presencePenalty = request.presence_penalty;
  if (request.frequency_penalty != null) config.frequencyPenalty = request.frequency_penalty;
  if (request.seed != null) config.seed = request.seed;
  if (request.logprobs === true) config.responseLogprobs = true;
  if (request.top_logprobs != null) config.logprobs = request.top_logprobs;

  const format = request.response_format;
  if (format?.type === 'json_object') config.responseMimeType = 'application/json';
  if (format?.type === 'json_schema') {
    // Reference §3.7: json_schema → application/json + responseJsonSchema (plain JSON Schema).
    config.responseMimeType = 'application/json';
    if (format.json_schema.schema) {
      config.responseJsonSchema = convertToGeminiJsonSchema(format.json_schema.schema);
    }
  }

  if (request.reasoning_effort != null) {
    const thinkingConfig = convertReasoningEffort(request.reasoning_effort, target.model, gate);
    if (thinkingConfig) config.thinkingConfig = thinkingConfig;
  }
  return config;
}

/**
 * Gemini 3+ takes `thinkingLevel`, Gemini 2.5 `thinkingBudget`, and sending both is a 400
 * (reference §3.2). The generation is read from the model id, as Google exposes no other signal.
 * Efforts without an equivalent are refused or dropped, never rounded to a neighbour.
 */
function convertReasoningEffort(
  effort: string,
  model: string,
  gate: (param: string, allowed: boolean, hint?: string) => boolean,
): GeminiThinkingConfig | undefined {
  const generation = Number(/gemini-(\d+)/.exec(model)?.[1] ?? Number.NaN);
  if (generation >= 3) {
    const thinkingLevel = thinkingLevels[effort];
    if (
      !gate(
        'reasoning_effort',
        thinkingLevel !== undefined,
        'Gemini 3 takes minimal, low, medium or high',
      )
    ) {
      return undefined;
    }
    return { thinkingLevel };
  }
  const thinkingBudget = thinkingBudgets[effort];
  if (
    !gate(
      'reasoning_effort',
      thinkingBudget !== undefined,
      'Gemini 2.5 takes none, low, medium or high',
    )
  ) {
    return undefined;
  }
  return { thinkingBudget };
}
