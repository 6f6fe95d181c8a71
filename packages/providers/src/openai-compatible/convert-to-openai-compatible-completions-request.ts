import type {
  CompletionsRequest,
  UnsupportedParameterMode,
  UpstreamTarget,
} from '../spec/adapter.js';
import type { ConvertedRequest } from './convert-to-openai-compatible-request.js';
import { createRequestGate } from './openai-compatible-gate.js';
import type { CompletionsRules, OpenAiCompatibleProfile } from './openai-compatible-profile.js';

/**
 * Legacy `/completions` is a passthrough in OpenAI form (reference §1.11): the body goes as the
 * caller wrote it, with the target's model id, except fields the provider is known to refuse or
 * ignore (vLLM `suffix`, Ollama `best_of`/`echo`), which go through the gate. The stream is piped
 * as is, so `stream_options` is not touched here.
 */
export function convertToOpenAiCompatibleCompletionsRequest(
  request: CompletionsRequest,
  target: UpstreamTarget,
  profile: Pick<OpenAiCompatibleProfile, 'displayName'>,
  rules: CompletionsRules,
  mode: UnsupportedParameterMode,
): ConvertedRequest {
  const gate = createRequestGate(`${profile.displayName} (${target.model})`, mode);
  if (rules.stringPromptOnly && typeof request.prompt !== 'string') {
    gate.refuse('prompt', 'only a single string prompt is accepted');
  }
  const body: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(request)) {
    if (value === undefined || value === null) continue;
    if (rules.unsupportedParameters.has(key) && !gate.allow(key, false)) continue;
    body[key] = key === 'model' ? target.model : value;
  }
  return { body, dropped: gate.dropped() };
}
