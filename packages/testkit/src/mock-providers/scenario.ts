import { isRecordedScenarioName, recordedScenarios, type RecordedFamily } from './fixtures.js';
import { parseJson, asRecord, asArray, asString } from './json.js';
import type {
  MockDialect,
  ProgrammaticScenario,
  RecordedScenarioName,
  ScenarioReference,
  ScenarioSetting,
  ScenarioUsage,
} from './types.js';

/** Request header that picks the scenario of one request: a fixture name or a JSON scenario. */
export const scenarioHeader = 'x-mock-scenario';

/**
 * A provider-neutral description of one answer. Programmatic scenarios become one, and each
 * dialect renders it in its own non-streaming and streaming shapes.
 */
export interface ResponseScript {
  text: string;
  reasoning?: string;
  toolCalls: Array<{ id?: string; name: string; arguments: Record<string, unknown> }>;
  finishReason: 'stop' | 'length' | 'tool_calls';
  usage: ScenarioUsage;
  /** Model the script insists on; otherwise the requested (or served) model is used. */
  model?: string;
}

export type ResolvedScenario =
  | { kind: 'recorded'; name: RecordedScenarioName; label: string }
  | { kind: 'script'; script: ResponseScript; label: string };

const familyOfDialect: Record<MockDialect, RecordedFamily> = {
  openai: 'openai-compatible',
  'azure-openai': 'openai-compatible',
  anthropic: 'anthropic',
  gemini: 'gemini',
  bedrock: 'bedrock',
};

const defaultScenarioOfFamily: Record<RecordedFamily, RecordedScenarioName> = {
  'openai-compatible': 'openai-text',
  anthropic: 'anthropic-text',
  gemini: 'google-text',
  bedrock: 'amazon-bedrock-text',
};

/**
 * Picks the scenario for one request: the `x-mock-scenario` header wins, then the mock's
 * setting, then the dialect's default recording. A header naming another dialect's recording is
 * an error (the test asked for something impossible); a mock-wide recorded default of another
 * dialect simply does not apply, so one mock can serve several dialects.
 */
export function resolveScenario(
  dialect: MockDialect,
  headerValue: string | undefined,
  setting: ScenarioSetting | undefined,
): ResolvedScenario {
  const family = familyOfDialect[dialect];
  if (headerValue !== undefined && headerValue !== '') {
    const reference = parseScenarioHeader(headerValue);
    if (typeof reference === 'string' && recordedScenarios[reference].family !== family) {
      throw new Error(
        `${scenarioHeader}: ${reference} is a ${recordedScenarios[reference].family} recording; this route speaks ${family}`,
      );
    }
    return toResolved(reference);
  }
  const configured = pickForDialect(setting, dialect);
  if (
    configured !== undefined &&
    (typeof configured !== 'string' || recordedScenarios[configured].family === family)
  ) {
    return toResolved(configured);
  }
  return toResolved(defaultScenarioOfFamily[family]);
}

function pickForDialect(
  setting: ScenarioSetting | undefined,
  dialect: MockDialect,
): ScenarioReference | undefined {
  if (setting === undefined || typeof setting === 'string' || 'kind' in setting) return setting;
  const perDialect: Partial<Record<MockDialect, ScenarioReference>> = setting;
  return perDialect[dialect];
}

function toResolved(reference: ScenarioReference): ResolvedScenario {
  if (typeof reference === 'string') return { kind: 'recorded', name: reference, label: reference };
  return {
    kind: 'script',
    script: scriptFromScenario(reference),
    label: `programmatic:${reference.kind}`,
  };
}

function parseScenarioHeader(value: string): ScenarioReference {
  if (isRecordedScenarioName(value)) return value;
  const parsed = asRecord(parseJson(value));
  const kind = asString(parsed?.kind);
  if (parsed !== undefined && kind === 'text' && typeof parsed.text === 'string') {
    return parsed as ProgrammaticScenario;
  }
  if (parsed !== undefined && kind === 'tool-call' && asArray(parsed.toolCalls).length > 0) {
    return parsed as ProgrammaticScenario;
  }
  throw new Error(
    `${scenarioHeader}: expected one of ${Object.keys(recordedScenarios).join(', ')} or a JSON scenario, got ${value}`,
  );
}

export function scriptFromScenario(scenario: ProgrammaticScenario): ResponseScript {
  const text = scenario.text ?? '';
  const base = { model: scenario.model, usage: scenario.usage ?? estimateUsage(text) };
  if (scenario.kind === 'text') {
    return {
      ...base,
      text,
      reasoning: scenario.reasoning,
      toolCalls: [],
      finishReason: scenario.finishReason ?? 'stop',
    };
  }
  return { ...base, text, toolCalls: scenario.toolCalls, finishReason: 'tool_calls' };
}

/** Rough token counts (4 characters a token) so synthesized usage is plausible and non-zero. */
export function estimateUsage(text: string): ScenarioUsage {
  return { inputTokens: 10, outputTokens: Math.max(1, Math.ceil(text.length / 4)) };
}

/** Splits text into a few stream deltas at word boundaries, like a model's token stream. */
export function splitIntoDeltas(text: string, pieces = 4): string[] {
  if (text === '') return [];
  const words = text.split(/(?<=\s)/);
  const size = Math.max(1, Math.ceil(words.length / pieces));
  const deltas: string[] = [];
  for (let index = 0; index < words.length; index += size)
    deltas.push(words.slice(index, index + size).join(''));
  return deltas;
}
