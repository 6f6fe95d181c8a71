import { GatewayError, InvalidRequestError } from '@switchyard/errors';
import type { UnsupportedParameterMode, UpstreamTarget } from '../spec/adapter.js';
import type { ChatCompletionRequest, FunctionTool } from '../spec/chat-request.js';
import { gateParameters, gateValue } from '../spec/parameter-gate.js';
import {
  anthropicCacheControlSchema,
  type AnthropicEffort,
  type AnthropicMessagesRequest,
  type AnthropicTool,
  type AnthropicToolChoice,
} from './anthropic-api.js';
import { convertToAnthropicMessages } from './convert-to-anthropic-messages.js';

/**
 * Canonical chat request → Anthropic `POST /v1/messages` body (reference §2.2, mapping table
 * §2.8). Parameters Anthropic cannot honour are refused (400 naming them) or, when the tenant
 * policy allows, dropped and reported — never clamped (so `temperature: 1.5` is refused rather
 * than sent as 1, unlike Anthropic's own OpenAI-compatibility layer).
 */

const TARGET = 'Anthropic';

/**
 * Top-level fields we translate. `n`, `logprobs`, the penalties, `store` and `service_tier` are
 * listed because their no-op values (1, false, 0, false, auto/default) are fine; other values
 * are gated one by one below. Everything else set by the caller (`seed`, `logit_bias`,
 * `top_logprobs`, `metadata`, unknown extensions …) is refused or dropped by `gateParameters`.
 */
const supportedParameters: ReadonlySet<string> = new Set([
  'model',
  'messages',
  'max_tokens',
  'max_completion_tokens',
  'temperature',
  'top_p',
  'top_k',
  'stop',
  'stream',
  'stream_options',
  'user',
  'tools',
  'tool_choice',
  'parallel_tool_calls',
  'response_format',
  'reasoning_effort',
  'n',
  'logprobs',
  'presence_penalty',
  'frequency_penalty',
  'store',
  'service_tier',
]);

/**
 * THE ONE DOCUMENTED DEFAULT: Anthropic requires `max_tokens` (§2.2) while OpenAI callers may
 * omit it. If the caller gave neither `max_completion_tokens` nor `max_tokens`, we send the
 * model's maximum output from the target's catalog entry (`options.maxOutputTokens`), or 4096
 * when the catalog does not know it. Every other field is only ever sent when the caller set it.
 */
export const DEFAULT_MAX_TOKENS = 4096;

/**
 * `reasoning_effort` → share of `max_tokens` given to the thinking budget (reference §2.8 calls
 * the budget a heuristic ⚠). A share of the request's own output limit always fits under it,
 * as Anthropic requires (budget ≥ 1024 and < max_tokens, §2.2); OpenAI's
 * `max_completion_tokens` includes reasoning, just as Anthropic's `max_tokens` includes
 * thinking. The Anthropic ingress inverts this table (keep them in step).
 */
export const thinkingBudgetShare: Readonly<Record<AnthropicEffort, number>> = {
  low: 0.1,
  medium: 0.3,
  high: 0.6,
  xhigh: 0.8,
  max: 0.95,
};
const MIN_THINKING_BUDGET = 1024;

/** OpenAI `service_tier` values with an Anthropic equivalent (`default` = standard capacity). */
const serviceTiers: Readonly<Partial<Record<string, 'auto' | 'standard_only'>>> = {
  auto: 'auto',
  default: 'standard_only',
};

export interface ConvertedAnthropicRequest {
  body: AnthropicMessagesRequest;
  dropped: string[];
}

export function convertToAnthropicRequest(
  request: ChatCompletionRequest,
  target: UpstreamTarget,
  mode: UnsupportedParameterMode,
): ConvertedAnthropicRequest {
  const dropped = gateParameters(request, supportedParameters, TARGET, mode);
  const keep = (param: string, allowed: boolean, hint?: string) =>
    gateValue(param, allowed, TARGET, mode, dropped, hint);
  const isSet = (param: string) => request[param] != null && !dropped.includes(param);

  if (request.n != null) keep('n', request.n === 1, 'Anthropic returns one choice');
  if (request.logprobs != null) keep('logprobs', request.logprobs === false);
  if (request.presence_penalty != null) keep('presence_penalty', request.presence_penalty === 0);
  if (request.frequency_penalty != null) keep('frequency_penalty', request.frequency_penalty === 0);
  if (request.store != null) keep('store', request.store === false);

  const { system, messages } = convertToAnthropicMessages(request.messages);
  const maxTokens = request.max_completion_tokens ?? request.max_tokens ?? defaultMaxTokens(target);
  const body: AnthropicMessagesRequest = { model: target.model, max_tokens: maxTokens, messages };
  if (system !== undefined) body.system = system;

  if (request.stop != null) {
    body.stop_sequences = typeof request.stop === 'string' ? [request.stop] : request.stop;
  }
  if (
    request.temperature != null &&
    keep('temperature', request.temperature <= 1, 'Anthropic accepts 0–1')
  ) {
    body.temperature = request.temperature;
  }
  if (request.top_p != null) body.top_p = request.top_p;
  if (isSet('top_k')) body.top_k = readTopK(request.top_k);
  if (request.user != null) body.metadata = { user_id: request.user };
  if (request.stream) body.stream = true;
  if (request.service_tier != null) {
    const tier = serviceTiers[request.service_tier];
    if (
      keep('service_tier', tier !== undefined, 'Anthropic offers auto and standard_only') &&
      tier
    ) {
      body.service_tier = tier;
    }
  }

  if (request.tools != null && request.tools.length > 0) {
    body.tools = request.tools.map(convertTool);
  }
  const toolChoice = convertToolChoice(request, body.tools !== undefined);
  if (toolChoice) body.tool_choice = toolChoice;

  const format = request.response_format;
  if (format?.type === 'json_object') {
    keep('response_format', false, 'json_object has no Anthropic equivalent; use json_schema');
  } else if (format?.type === 'json_schema') {
    // Structured outputs: `output_config.format` (§2.2, GA since SDK 0.72.0). Name, description
    // and strict have no slot; Anthropic's format is always enforced.
    const schema = format.json_schema.schema;
    if (keep('response_format', schema !== undefined, 'json_schema.schema is required') && schema) {
      body.output_config = { format: { type: 'json_schema', schema } };
    }
  }

  applyReasoning(request, target, body, keep);
  return { body, dropped };
}

function defaultMaxTokens(target: UpstreamTarget): number {
  const configured = target.options?.maxOutputTokens;
  if (configured === undefined) return DEFAULT_MAX_TOKENS;
  const value = Number(configured);
  if (!Number.isInteger(value) || value < 1) {
    throw new GatewayError(
      `Target option maxOutputTokens must be a positive integer, got '${configured}'`,
      {
        code: 'invalid_target_config',
        status: 500,
        fault: 'gateway',
      },
    );
  }
  return value;
}

function readTopK(value: unknown): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0) {
    throw new InvalidRequestError('top_k must be a non-negative integer', { param: 'top_k' });
  }
  return value;
}

function convertTool(tool: FunctionTool, index: number): AnthropicTool {
  const { name, description, parameters, strict } = tool.function;
  const converted: AnthropicTool = {
    name,
    // Anthropic requires an object schema; a parameterless OpenAI tool means "no arguments".
    input_schema: parameters ?? { type: 'object', properties: {} },
  };
  if (description !== undefined) converted.description = description;
  // Only `true` is sent: `strict: false` is the default and older models reject the field.
  if (strict === true) converted.strict = true;
  if ('cache_control' in tool && tool.cache_control != null) {
    // Prompt-caching extension on the tool definition (see convert-to-anthropic-messages.ts).
    const parsed = anthropicCacheControlSchema.safeParse(tool.cache_control);
    if (!parsed.success) {
      throw new InvalidRequestError(`tools[${index}].cache_control must be {"type":"ephemeral"}`, {
        param: `tools[${index}].cache_control`,
      });
    }
    converted.cache_control = parsed.data;
  }
  return converted;
}

/** auto/none/required/function → auto/none/any/tool; `parallel_tool_calls: false` (§2.8). */
function convertToolChoice(
  request: ChatCompletionRequest,
  hasTools: boolean,
): AnthropicToolChoice | undefined {
  const choice = request.tool_choice;
  let converted: AnthropicToolChoice | undefined;
  if (choice === 'auto') converted = { type: 'auto' };
  else if (choice === 'none') converted = { type: 'none' };
  else if (choice === 'required') converted = { type: 'any' };
  else if (choice != null) converted = { type: 'tool', name: choice.function.name };
  // Anthropic puts the flag on tool_choice, so it needs one (`auto`, OpenAI's default with
  // tools); without tools there is nothing to run in parallel.
  if (request.parallel_tool_calls === false && hasTools) {
    converted ??= { type: 'auto' };
    if (converted.type !== 'none') converted = { ...converted, disable_parallel_tool_use: true };
  }
  return converted;
}

type Keep = (param: string, allowed: boolean, hint?: string) => boolean;

/**
 * `reasoning_effort` → extended thinking (§2.2, §2.8). `none`/`minimal` send nothing: thinking
 * is off by default on Anthropic. Targets whose catalog entry says `thinkingMode: adaptive`
 * (newer models that choose their own budget) get `thinking: {type: adaptive}` plus
 * `output_config.effort`; the others a budget from `thinkingBudgetShare`.
 */
function applyReasoning(
  request: ChatCompletionRequest,
  target: UpstreamTarget,
  body: AnthropicMessagesRequest,
  keep: Keep,
): void {
  const effort = request.reasoning_effort;
  if (effort == null || effort === 'none' || effort === 'minimal') return;
  if (target.options?.thinkingMode === 'adaptive') {
    body.thinking = { type: 'adaptive' };
    body.output_config = { ...body.output_config, effort };
    return;
  }
  const budget = Math.max(
    MIN_THINKING_BUDGET,
    Math.round(body.max_tokens * thinkingBudgetShare[effort]),
  );
  const fits = budget < body.max_tokens;
  if (
    keep(
      'reasoning_effort',
      fits,
      `extended thinking needs max_tokens above ${MIN_THINKING_BUDGET}`,
    )
  ) {
    body.thinking = { type: 'enabled', budget_tokens: budget };
  }
}
