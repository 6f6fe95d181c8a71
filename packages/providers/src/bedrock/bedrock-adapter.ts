import type {
  AdapterCapabilities,
  MapRequestOptions,
  ProviderAdapter,
  UpstreamHttpRequest,
  UpstreamTarget,
} from '../spec/adapter.js';
import { bedrockMisconfiguredError, mapBedrockError } from './bedrock-error.js';
import { convertBedrockResponse } from './convert-bedrock-response.js';
import { createBedrockStreamConverter } from './convert-bedrock-stream.js';
import {
  buildBedrockUrl,
  convertToBedrockRequest,
  requireRegion,
} from './convert-to-bedrock-request.js';
import { signAwsRequest } from './sign-aws-request.js';

/** What Converse can do, as data for routing and the conformance matrix. */
export const bedrockCapabilities: AdapterCapabilities = {
  chat: true,
  streaming: true,
  tools: true,
  parallelToolCalls: true,
  jsonObject: false,
  // Via outputConfig.textFormat ⚠ — model support varies (convert-to-bedrock-tools.ts).
  jsonSchema: true,
  vision: true,
  imageUrls: false,
  documents: true,
  // Bedrock embeddings are InvokeModel calls with per-model bodies, not Converse.
  embeddings: false,
  completions: false,
  logprobs: false,
  n: false,
  seed: false,
  reasoningEffort: false,
};

/**
 * Authenticates one request (reference §4.10). With `options.accessKeyId` the request is signed
 * with SigV4 (service `bedrock`; secret = target.apiKey; optional `options.sessionToken`).
 * Without it, target.apiKey is a Bedrock API key, sent as a bearer token.
 */
function authenticate(
  target: UpstreamTarget,
  http: UpstreamHttpRequest & { body: string },
  options: MapRequestOptions,
): UpstreamHttpRequest {
  const accessKeyId = target.options?.accessKeyId;
  if (!accessKeyId) {
    if (!target.apiKey) throw bedrockMisconfiguredError('neither an access key id nor an API key');
    return { ...http, headers: { ...http.headers, authorization: `Bearer ${target.apiKey}` } };
  }
  const headers = signAwsRequest({
    method: http.method,
    url: http.url,
    headers: http.headers,
    body: http.body,
    service: 'bedrock',
    region: requireRegion(target),
    credentials: {
      accessKeyId,
      secretAccessKey: target.apiKey,
      sessionToken: target.options?.sessionToken,
    },
    now: options.now,
  });
  return { ...http, headers };
}

/** AWS Bedrock through the model-agnostic Converse API. Pure: the data plane does the I/O. */
export const bedrockAdapter: ProviderAdapter = {
  id: 'bedrock',
  displayName: 'Amazon Bedrock',
  capabilities: bedrockCapabilities,

  mapChatRequest(request, target, options) {
    const { body, dropped } = convertToBedrockRequest(request, target, options);
    const stream = request.stream === true;
    const http = {
      method: 'POST' as const,
      url: buildBedrockUrl(target, stream),
      headers: {
        'content-type': 'application/json',
        accept: stream ? 'application/vnd.amazon.eventstream' : 'application/json',
      },
      body: JSON.stringify(body),
    };
    return { http: authenticate(target, http, options), dropped };
  },
  mapChatResponse: convertBedrockResponse,
  createChatStreamConverter: createBedrockStreamConverter,
  mapError: mapBedrockError,
};
