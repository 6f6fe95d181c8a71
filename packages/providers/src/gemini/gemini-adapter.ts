import type { AdapterCapabilities, ProviderAdapter, UpstreamTarget } from '../spec/adapter.js';
import { convertGeminiEmbeddingsResponse } from './convert-gemini-embeddings.js';
import { convertGeminiResponse } from './convert-gemini-response.js';
import { createGeminiStreamConverter } from './convert-gemini-stream.js';
import { convertToGeminiEmbeddingsRequest } from './convert-to-gemini-embeddings.js';
import { buildGeminiUrl, convertToGeminiRequest } from './convert-to-gemini-request.js';
import { mapGeminiError } from './gemini-error.js';

/** What the Gemini Developer API can do, as data for routing and the conformance matrix. */
export const geminiCapabilities: AdapterCapabilities = {
  chat: true,
  streaming: true,
  tools: true,
  parallelToolCalls: true,
  jsonObject: true,
  jsonSchema: true,
  vision: true,
  // Sent as `fileData` with a media type guessed from the extension ⚠ (reference §3.2).
  imageUrls: true,
  documents: true,
  embeddings: true,
  completions: false,
  logprobs: true,
  n: true,
  seed: true,
  reasoningEffort: true,
};

/** Auth is the `x-goog-api-key` header, never `?key=` (which would end up in access logs). */
function geminiHeaders(target: UpstreamTarget): Record<string, string> {
  return { 'content-type': 'application/json', 'x-goog-api-key': target.apiKey };
}

/**
 * Google Gemini, Generative Language API `v1beta` (reference §3). Pure: builds requests and
 * converts answers; the data plane does the I/O.
 */
export const geminiAdapter: ProviderAdapter = {
  id: 'gemini',
  displayName: 'Google Gemini',
  capabilities: geminiCapabilities,
  acceptsTraceContext: true,

  mapChatRequest(request, target, options) {
    const { body, dropped } = convertToGeminiRequest(request, target, options);
    const stream = request.stream === true;
    return {
      http: {
        method: 'POST',
        url: buildGeminiUrl(target, stream ? 'streamGenerateContent' : 'generateContent', stream),
        headers: geminiHeaders(target),
        body: JSON.stringify(body),
      },
      dropped,
    };
  },
  mapChatResponse: convertGeminiResponse,
  createChatStreamConverter: createGeminiStreamConverter,

  mapEmbeddingsRequest(request, target, options) {
    const { url, body, dropped } = convertToGeminiEmbeddingsRequest(request, target, options);
    return {
      http: { method: 'POST', url, headers: geminiHeaders(target), body: JSON.stringify(body) },
      dropped,
    };
  },
  mapEmbeddingsResponse: convertGeminiEmbeddingsResponse,

  mapError: mapGeminiError,
};
