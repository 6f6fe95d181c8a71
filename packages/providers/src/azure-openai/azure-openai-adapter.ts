import type { UpstreamTarget } from '../spec/adapter.js';
import {
  createOpenAiCompatibleAdapter,
  openAiCapabilities,
  openAiChatParameters,
  openAiEmbeddingsParameters,
  resolveOpenAiCompatibleBaseUrl,
  type OpenAiCompatibleEndpoint,
  type OpenAiCompatibleProfile,
  type WireErrorBody,
} from '../openai-compatible/index.js';

/** The GA data-plane version the reference documents (§4.9); targets override it per resource. */
export const defaultAzureApiVersion = '2024-10-21';

/**
 * Azure OpenAI (reference §4.9, learn.microsoft.com "Azure OpenAI REST API reference"):
 * - dated API: `{baseUrl}/openai/deployments/{deployment}/{endpoint}?api-version=…`, where the
 *   target's `model` is the deployment name (the body's `model` is ignored);
 * - `options.apiVersion: "v1"` selects the v1 API `{baseUrl}/openai/v1/{endpoint}`, model in body;
 * - `baseUrl` is the resource endpoint, e.g. `https://my-resource.openai.azure.com`.
 */
function buildAzureUrl(target: UpstreamTarget, endpoint: OpenAiCompatibleEndpoint): string {
  const baseUrl = resolveOpenAiCompatibleBaseUrl(azureOpenAiProfile, target);
  const apiVersion = target.options?.['apiVersion'] ?? defaultAzureApiVersion;
  if (apiVersion === 'v1') return `${baseUrl}/openai/v1/${endpoint}`;
  const deployment = encodeURIComponent(target.model);
  return `${baseUrl}/openai/deployments/${deployment}/${endpoint}?api-version=${encodeURIComponent(apiVersion)}`;
}

/** `api-key: <key>`; a Microsoft Entra token (`options.auth: "entra"`) goes as a bearer token. */
function azureAuthHeaders(target: UpstreamTarget): Record<string, string> {
  return target.options?.['auth'] === 'entra'
    ? { authorization: `Bearer ${target.apiKey}` }
    : { 'api-key': target.apiKey };
}

/**
 * A content-policy block is a 400 with `code: "content_filter"` and an `innererror` holding the
 * per-category results (⚠ reference §4.9); the categories tell the caller what tripped.
 */
function azureErrorDetails(error: WireErrorBody): Record<string, unknown> | undefined {
  const inner = error['innererror'];
  if (typeof inner !== 'object' || inner === null) return undefined;
  const { code, content_filter_result: contentFilterResult } = inner as Record<string, unknown>;
  return {
    ...(typeof code === 'string' ? { innerCode: code } : {}),
    ...(contentFilterResult !== undefined ? { contentFilterResult } : {}),
  };
}

/**
 * Deviations from OpenAI: URL and auth above; responses and chunks carry
 * `prompt_filter_results`/`content_filter_results` (ignored by the lenient schemas), and the
 * first stream chunk may have empty `choices` (prompt filter results only), which the stream
 * converter does not forward. Parameter support lags OpenAI per api-version ⚠: the upstream 400
 * names the parameter, so the OpenAI set is forwarded as is.
 */
export const azureOpenAiProfile: OpenAiCompatibleProfile = {
  id: 'azure-openai',
  displayName: 'Azure OpenAI',
  capabilities: openAiCapabilities,
  auth: azureAuthHeaders,
  buildUrl: buildAzureUrl,
  chatParameters: openAiChatParameters,
  messages: {
    developerRole: 'developer',
    names: true,
    assistantReasoning: false,
    imageDetail: true,
    audioInput: true,
  },
  streamOptions: 'include-usage',
  streamTerminator: 'done',
  usage: {},
  reasoningFields: [],
  errorDetails: azureErrorDetails,
  embeddings: { parameters: openAiEmbeddingsParameters, tokenInput: true },
  completions: { unsupportedParameters: new Set(), stringPromptOnly: false },
};

export const azureOpenAiAdapter = createOpenAiCompatibleAdapter(azureOpenAiProfile);
