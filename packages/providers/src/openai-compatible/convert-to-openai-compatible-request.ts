import type {
  AdapterCapabilities,
  UnsupportedParameterMode,
  UpstreamTarget,
} from '../spec/adapter.js';
import type { ChatCompletionRequest } from '../spec/chat-request.js';
import { convertToOpenAiCompatibleMessages } from './convert-to-openai-compatible-messages.js';
import { createRequestGate, type RequestGate } from './openai-compatible-gate.js';
import type { OpenAiCompatibleProfile, ValueRule } from './openai-compatible-profile.js';

export interface ConvertedRequest {
  body: Record<string, unknown>;
  dropped: string[];
}

/** Parameters that only make sense with a capability; a profile cannot forward them without it. */
const parametersByCapability: Readonly<
  Partial<Record<keyof AdapterCapabilities, readonly string[]>>
> = {
  tools: ['tools', 'tool_choice', 'parallel_tool_calls'],
  parallelToolCalls: ['parallel_tool_calls'],
  logprobs: ['logprobs', 'top_logprobs'],
  seed: ['seed'],
  reasoningEffort: ['reasoning_effort'],
};

/** Value rules every profile gets from its capabilities, so data and behaviour cannot disagree. */
function capabilityValueRules(capabilities: AdapterCapabilities): ValueRule[] {
  const rules: ValueRule[] = [];
  const responseFormatType = (value: unknown) =>
    typeof value === 'object' && value !== null && 'type' in value ? value.type : undefined;
  if (!capabilities.n)
    rules.push({ param: 'n', allowed: (value) => value === 1, hint: 'only n=1' });
  if (!capabilities.jsonSchema) {
    rules.push({
      param: 'response_format',
      allowed: (value) => responseFormatType(value) !== 'json_schema',
      hint: 'no json_schema structured output',
    });
  }
  if (!capabilities.jsonObject) {
    rules.push({
      param: 'response_format',
      allowed: (value) => responseFormatType(value) !== 'json_object',
      hint: 'no JSON mode',
    });
  }
  return rules;
}

interface ProfileTables {
  supported: ReadonlySet<string>;
  valueRules: readonly ValueRule[];
}

/** Per profile, computed once: profiles are constants and every request needs these. */
const tablesByProfile = new WeakMap<OpenAiCompatibleProfile, ProfileTables>();

function profileTables(profile: OpenAiCompatibleProfile): ProfileTables {
  let tables = tablesByProfile.get(profile);
  if (!tables) {
    const supported = new Set([
      ...profile.chatParameters,
      ...Object.keys(profile.renamedParameters ?? {}),
    ]);
    for (const [capability, params] of Object.entries(parametersByCapability)) {
      if (!profile.capabilities[capability as keyof AdapterCapabilities]) {
        for (const param of params) supported.delete(param);
      }
    }
    const valueRules = [
      ...capabilityValueRules(profile.capabilities),
      ...(profile.valueRules ?? []),
    ];
    tables = { supported, valueRules };
    tablesByProfile.set(profile, tables);
  }
  return tables;
}

/**
 * Builds the provider's chat body from the canonical (OpenAI) request. Every field is either
 * forwarded with the same meaning, renamed to the provider's spelling, or goes through the gate;
 * the only field the gateway adds on its own is `stream_options.include_usage`, because usage is
 * needed for billing (reference §5 "Include-usage handling"), plus the profile's
 * `addedBodyFields` that keep OpenAI semantics.
 * https://platform.openai.com/docs/api-reference/chat/create (reference §1.2, §4.1)
 */
export function convertToOpenAiCompatibleRequest(
  request: ChatCompletionRequest,
  target: UpstreamTarget,
  profile: OpenAiCompatibleProfile,
  mode: UnsupportedParameterMode,
): ConvertedRequest {
  const gate = createRequestGate(`${profile.displayName} (${target.model})`, mode);
  const renamed = profile.renamedParameters ?? {};
  const { supported, valueRules } = profileTables(profile);
  // Providers that refuse `stream_options` report usage unasked, so the caller's wish is met
  // without forwarding it; it is neither sent nor reported as dropped.
  const fields: Record<string, unknown> =
    profile.streamOptions === 'unsupported'
      ? withoutKey(request, 'stream_options')
      : { ...request };
  for (const [key, neutral] of Object.entries(profile.neutralValues ?? {})) {
    if (fields[key] === neutral) delete fields[key];
  }

  gate.parameters(fields, supported);
  gateModelRules(fields, target.model, profile, gate);
  for (const rule of valueRules) {
    const value = fields[rule.param];
    if (value === undefined || value === null || gate.isDropped(rule.param)) continue;
    gate.allow(rule.param, rule.allowed(value), rule.hint);
  }

  const body: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(fields)) {
    if (value === undefined || value === null || gate.isDropped(key)) continue;
    if (key === 'model') body['model'] = target.model;
    else if (key === 'messages') {
      body['messages'] = convertToOpenAiCompatibleMessages(request.messages, profile, gate);
    } else if (Object.hasOwn(renamed, key)) {
      const providerName = renamed[key] as string;
      const conflict = fields[providerName] !== undefined && fields[providerName] !== null;
      if (gate.allow(key, !conflict, `both '${key}' and '${providerName}' are set`)) {
        body[providerName] = value;
      }
    } else body[key] = value;
  }
  if (request.stream === true && profile.streamOptions === 'include-usage') {
    body['stream_options'] = { ...request.stream_options, include_usage: true };
  }
  for (const [key, value] of Object.entries(profile.addedBodyFields ?? {})) {
    if (!(key in body)) body[key] = value;
  }
  return { body, dropped: gate.dropped() };
}

function gateModelRules(
  fields: Readonly<Record<string, unknown>>,
  model: string,
  profile: OpenAiCompatibleProfile,
  gate: RequestGate,
): void {
  for (const rule of profile.modelRules ?? []) {
    if (!rule.models.test(model)) continue;
    for (const param of rule.unsupported) {
      const value = fields[param];
      if (value === undefined || value === null || gate.isDropped(param)) continue;
      gate.allow(param, false, rule.hint);
    }
  }
}

function withoutKey(
  record: Readonly<Record<string, unknown>>,
  key: string,
): Record<string, unknown> {
  const copy = { ...record };
  delete copy[key];
  return copy;
}
