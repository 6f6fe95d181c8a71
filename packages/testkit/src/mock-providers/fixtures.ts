import { readFileSync } from 'node:fs';
import type { RecordedScenarioName } from './types.js';

/**
 * Recorded provider responses (see fixtures/recorded/README.md for their origin). Resolved
 * relative to this module so it works from src/ (vitest) and from dist/ (built package) alike:
 * both sit one level below the package root, next to fixtures/.
 */
export const recordedFixturesDirectory = new URL('../../fixtures/recorded/', import.meta.url);

/** The wire family a recording belongs to; OpenAI-compatible ones serve OpenAI and Azure paths. */
export type RecordedFamily = 'openai-compatible' | 'anthropic' | 'gemini' | 'bedrock';

export interface RecordedScenarioInfo {
  family: RecordedFamily;
  /** A `*.json` non-streaming body exists. */
  hasBody: boolean;
  /** A `*.chunks.txt` streaming recording exists. */
  hasChunks: boolean;
  /**
   * OpenAI, DeepSeek and Groq only send stream usage when asked with
   * `stream_options.include_usage`; Mistral and xAI send it unasked (reference §4.1). Replaying the
   * usage chunk to a gateway that forgot to ask would hide that bug, so the mock strips it.
   */
  streamUsageNeedsOptIn: boolean;
}

export const recordedScenarios: Record<RecordedScenarioName, RecordedScenarioInfo> = {
  'openai-text': info('openai-compatible', true, true, true),
  'groq-tool-call': info('openai-compatible', true, true, true),
  'deepseek-reasoning': info('openai-compatible', true, true, true),
  'mistral-text': info('openai-compatible', true, true, false),
  'xai-tool-call': info('openai-compatible', false, true, false),
  'anthropic-text': info('anthropic', true, true, false),
  'anthropic-json-tool.1': info('anthropic', true, true, false),
  'google-text': info('gemini', true, true, false),
  'google-tool-call': info('gemini', true, true, false),
  'amazon-bedrock-text': info('bedrock', true, false, false),
  'amazon-bedrock-tool-call.1': info('bedrock', true, false, false),
};

function info(
  family: RecordedFamily,
  hasBody: boolean,
  hasChunks: boolean,
  streamUsageNeedsOptIn: boolean,
): RecordedScenarioInfo {
  return { family, hasBody, hasChunks, streamUsageNeedsOptIn };
}

export function isRecordedScenarioName(name: string): name is RecordedScenarioName {
  return Object.hasOwn(recordedScenarios, name);
}

const bodyCache = new Map<string, unknown>();
const chunkCache = new Map<string, string[]>();

/** The parsed non-streaming body of a recording (cached; clone before patching). */
export function readRecordedBody(name: RecordedScenarioName): unknown {
  let body = bodyCache.get(name);
  if (body === undefined) {
    const text = readFileSync(new URL(`${name}.json`, recordedFixturesDirectory), 'utf8');
    body = JSON.parse(text) as unknown;
    bodyCache.set(name, body);
  }
  return body;
}

/** The `data` payload of each streamed event of a recording, one JSON text per entry. */
export function readRecordedChunks(name: RecordedScenarioName): string[] {
  let chunks = chunkCache.get(name);
  if (chunks === undefined) {
    const text = readFileSync(new URL(`${name}.chunks.txt`, recordedFixturesDirectory), 'utf8');
    chunks = text.split(/\r?\n/).filter((line) => line.trim() !== '');
    chunkCache.set(name, chunks);
  }
  return chunks;
}
