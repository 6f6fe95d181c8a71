import { z } from 'zod';
import type {
  EmbeddingsRequest,
  EmbeddingsResponse,
  MappedResponse,
  UnsupportedParameterMode,
  UpstreamTarget,
} from '../spec/adapter.js';
import { emptyUsage } from '../spec/usage.js';
import type { ConvertedRequest } from './convert-to-openai-compatible-request.js';
import { wireEmbeddingsResponseSchema } from './openai-compatible-api.js';
import {
  invalidResponseError,
  mapOpenAiCompatibleErrorPayload,
} from './openai-compatible-error.js';
import { createRequestGate } from './openai-compatible-gate.js';
import type { EmbeddingsRules, OpenAiCompatibleProfile } from './openai-compatible-profile.js';

const isTokenInput = (input: EmbeddingsRequest['input']) =>
  Array.isArray(input) && input.some((item) => typeof item === 'number' || Array.isArray(item));

/**
 * Builds an `/embeddings` body: OpenAI's fields (reference §1.10) minus what the provider lacks.
 * Token-array input cannot be dropped, so a provider without it always refuses (Ollama, §4.11).
 */
export function convertToOpenAiCompatibleEmbeddingsRequest(
  request: EmbeddingsRequest,
  target: UpstreamTarget,
  profile: Pick<OpenAiCompatibleProfile, 'displayName'>,
  rules: EmbeddingsRules,
  mode: UnsupportedParameterMode,
): ConvertedRequest {
  const gate = createRequestGate(`${profile.displayName} (${target.model})`, mode);
  if (!rules.tokenInput && isTokenInput(request.input)) {
    gate.refuse('input', 'token arrays are not accepted; send text');
  }
  gate.parameters(request, rules.parameters);
  const body: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(request)) {
    if (value === undefined || value === null || gate.isDropped(key)) continue;
    body[key] = key === 'model' ? target.model : value;
  }
  return { body, dropped: gate.dropped() };
}

/** Embeddings usage is input only; a provider that reports none counts zero (estimated upstream). */
export function convertOpenAiCompatibleEmbeddingsResponse(
  body: unknown,
  target: UpstreamTarget,
  profile: OpenAiCompatibleProfile,
): MappedResponse<EmbeddingsResponse> {
  if (typeof body === 'object' && body !== null && 'error' in body && !('data' in body)) {
    throw mapOpenAiCompatibleErrorPayload(profile, body);
  }
  const parsed = wireEmbeddingsResponseSchema.safeParse(body);
  if (!parsed.success) {
    throw invalidResponseError(profile.displayName, z.prettifyError(parsed.error), parsed.error);
  }
  const wire = parsed.data;
  const promptTokens = wire.usage?.prompt_tokens ?? 0;
  const model = wire.model || target.model;
  return {
    body: {
      object: 'list',
      model,
      data: wire.data.map((item) => ({
        object: 'embedding',
        index: item.index,
        embedding: item.embedding,
      })),
      usage: {
        prompt_tokens: promptTokens,
        total_tokens: wire.usage?.total_tokens ?? promptTokens,
      },
    },
    usage: { ...emptyUsage(), inputTokens: promptTokens },
    servedModel: model,
  };
}
