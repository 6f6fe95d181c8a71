import { InvalidRequestError } from '@switchyard/errors';
import type { EmbeddingsRequest, MapRequestOptions, UpstreamTarget } from '../spec/adapter.js';
import { gateParameters } from '../spec/parameter-gate.js';
import type { GeminiEmbedContentRequest } from './gemini-api.js';
import { buildGeminiUrl, geminiTargetName } from './convert-to-gemini-request.js';

/**
 * `encoding_format` is accepted because base64 is a rendering of the same float vector, which
 * the data plane produces for every provider (reference §3.5: "must be produced by the gateway");
 * this adapter always returns floats.
 */
const supportedParameters: ReadonlySet<string> = new Set([
  'model',
  'input',
  'encoding_format',
  'dimensions',
]);

/**
 * OpenAI embeddings request → `embedContent` (one string) or `batchEmbedContents` (a list), per
 * reference §3.5. `dimensions` → `outputDimensionality`. No `taskType` is sent: OpenAI has no
 * such field, and inventing one would change the vectors the caller gets.
 */
export function convertToGeminiEmbeddingsRequest(
  request: EmbeddingsRequest,
  target: UpstreamTarget,
  options: MapRequestOptions,
): {
  url: string;
  body: GeminiEmbedContentRequest | { requests: GeminiEmbedContentRequest[] };
  dropped: string[];
} {
  const dropped = gateParameters(
    request,
    supportedParameters,
    geminiTargetName(target),
    options.unsupported,
  );
  const dimensions = request.dimensions == null ? {} : { outputDimensionality: request.dimensions };
  const input = request.input;
  if (typeof input === 'string') {
    return {
      url: buildGeminiUrl(target, 'embedContent'),
      body: { content: { parts: [{ text: input }] }, ...dimensions },
      dropped,
    };
  }
  if (!input.every((item): item is string => typeof item === 'string') || input.length === 0) {
    throw new InvalidRequestError(
      "'input' must be a string or a non-empty array of strings: Gemini embeds text and cannot take token arrays.",
      { param: 'input' },
    );
  }
  // Each batch entry repeats the model resource name (reference §3.5).
  const model = /^(models|tunedModels)\//.test(target.model)
    ? target.model
    : `models/${target.model}`;
  return {
    url: buildGeminiUrl(target, 'batchEmbedContents'),
    body: {
      requests: input.map((text) => ({ model, content: { parts: [{ text }] }, ...dimensions })),
    },
    dropped,
  };
}
