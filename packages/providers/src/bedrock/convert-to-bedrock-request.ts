import type { MapRequestOptions, UpstreamTarget } from '../spec/adapter.js';
import type { ChatCompletionRequest } from '../spec/chat-request.js';
import { gateParameters, gateValue } from '../spec/parameter-gate.js';
import type { BedrockConverseRequest } from './bedrock-api.js';
import { bedrockMisconfiguredError } from './bedrock-error.js';
import { convertToBedrockMessages, hasToolHistory } from './convert-to-bedrock-messages.js';
import {
  convertToBedrockOutputConfig,
  convertToBedrockToolConfig,
} from './convert-to-bedrock-tools.js';

/**
 * Top-level OpenAI parameters Converse can honour (reference §4.10). Sampling penalties, seed,
 * logprobs, logit_bias, n > 1, reasoning_effort (model-specific, lives in
 * additionalModelRequestFields) and unknown extensions are refused or dropped by the gate.
 */
const supportedParameters: ReadonlySet<string> = new Set([
  'model',
  'messages',
  'temperature',
  'top_p',
  'stop',
  'max_tokens',
  'max_completion_tokens',
  'tools',
  'tool_choice',
  'response_format',
  'stream',
  // Converse always reports usage at the end of a stream (the metadata event).
  'stream_options',
]);

/**
 * Values that ask for what Converse does anyway, so they are honoured without a field. Clients
 * (and SDK defaults) often send them explicitly; refusing them would be pedantry, not safety.
 */
const neutralValues: Readonly<Record<string, unknown>> = {
  n: 1,
  parallel_tool_calls: true,
  store: false,
  logprobs: false,
  presence_penalty: 0,
  frequency_penalty: 0,
};

export function bedrockTargetName(target: UpstreamTarget): string {
  return `Amazon Bedrock (${target.model})`;
}

/**
 * `https://bedrock-runtime.{region}.amazonaws.com/model/{modelId}/converse[-stream]`, or the
 * target's own base URL (VPC endpoint, proxy). The model id — a foundation model, an inference
 * profile like `us.anthropic…-v1:0` or an ARN — is percent-encoded; the signer encodes it again.
 */
export function buildBedrockUrl(target: UpstreamTarget, stream: boolean): string {
  const base = target.baseUrl
    ? target.baseUrl.replace(/\/+$/, '')
    : `https://bedrock-runtime.${requireRegion(target)}.amazonaws.com`;
  return `${base}/model/${encodeURIComponent(target.model)}/${stream ? 'converse-stream' : 'converse'}`;
}

export function requireRegion(target: UpstreamTarget): string {
  if (!target.region) throw bedrockMisconfiguredError('no region set');
  return target.region;
}

/** Converts a canonical chat request into a Converse body; never does I/O. */
export function convertToBedrockRequest(
  request: ChatCompletionRequest,
  target: UpstreamTarget,
  options: MapRequestOptions,
): { body: BedrockConverseRequest; dropped: string[] } {
  const targetName = bedrockTargetName(target);
  const checked = Object.fromEntries(
    Object.entries(request).filter(
      ([key, value]) => !(key in neutralValues && neutralValues[key] === value),
    ),
  );
  const dropped = gateParameters(checked, supportedParameters, targetName, options.unsupported);
  const gate = (param: string, allowed: boolean, hint?: string) =>
    gateValue(param, allowed, targetName, options.unsupported, dropped, hint);

  const { system, messages } = convertToBedrockMessages(request.messages, gate);
  const toolConfig = convertToBedrockToolConfig(
    request.tools,
    request.tool_choice,
    hasToolHistory(messages),
    gate,
  );
  const outputConfig = convertToBedrockOutputConfig(request.response_format, gate);

  const inferenceConfig: NonNullable<BedrockConverseRequest['inferenceConfig']> = {};
  const maxTokens = request.max_completion_tokens ?? request.max_tokens;
  if (maxTokens != null) inferenceConfig.maxTokens = maxTokens;
  if (request.temperature != null) inferenceConfig.temperature = request.temperature;
  if (request.top_p != null) inferenceConfig.topP = request.top_p;
  if (request.stop != null) {
    inferenceConfig.stopSequences =
      typeof request.stop === 'string' ? [request.stop] : request.stop;
  }

  const body: BedrockConverseRequest = {
    messages,
    ...(system.length > 0 ? { system } : {}),
    ...(Object.keys(inferenceConfig).length > 0 ? { inferenceConfig } : {}),
    ...(toolConfig ? { toolConfig } : {}),
    ...(outputConfig ? { outputConfig } : {}),
  };
  return { body, dropped };
}
