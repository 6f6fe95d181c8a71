import type { UpstreamError } from '@switchyard/errors';
import type { ChatCompletionRequest } from './chat-request.js';
import type { ChatCompletionChunk, ChatCompletionResponse } from './chat-response.js';
import type { NormalizedUsage } from './usage.js';

/** Everything an adapter needs to know about where a request goes. No secrets are logged. */
export interface UpstreamTarget {
  /** Provider type key from the registry, e.g. `openai`, `groq`, `anthropic`, `bedrock`. */
  provider: string;
  /** Base URL of the provider account, without a trailing slash (e.g. `https://api.openai.com/v1`). */
  baseUrl: string;
  /** The upstream credential chosen for this attempt (for Bedrock: the secret access key). */
  apiKey: string;
  /** The provider's own model id (Azure: the deployment name). */
  model: string;
  region?: string | undefined;
  /** Provider-specific settings: Azure `apiVersion`; Bedrock `accessKeyId`, `sessionToken`. */
  options?: Readonly<Record<string, string>> | undefined;
}

/** A fully built HTTP request, ready for the data plane to send. Adapters never do I/O. */
export interface UpstreamHttpRequest {
  method: 'POST' | 'GET';
  url: string;
  headers: Record<string, string>;
  body?: string;
}

/** What to do with a parameter the target cannot honour. */
export type UnsupportedParameterMode = 'reject' | 'drop';

export interface MapRequestOptions {
  unsupported: UnsupportedParameterMode;
  /** Injected clock: SigV4 signing and ids need the time. */
  now: Date;
}

export interface MappedRequest {
  http: UpstreamHttpRequest;
  /** Parameters removed because the policy allowed dropping them (surfaced in a header). */
  dropped: string[];
}

/** What the gateway needs from a provider answer it relays unchanged (see readNativeChatResponse). */
export interface NativeChatResponse {
  usage: NormalizedUsage;
  servedModel: string;
}

export interface MappedResponse<T> {
  body: T;
  usage: NormalizedUsage;
  /** The model the provider says answered (may differ from the requested one: drift). */
  servedModel: string;
}

/**
 * Converts one upstream byte stream into canonical OpenAI chunks, incrementally. Each call to
 * `push` returns the chunks completed by those bytes (possibly none). Throws `UpstreamError` when
 * the provider sends an in-stream error. `finish` is called at end of input and throws if the
 * stream ended before the provider's terminal event (a truncated stream must never look clean).
 */
export interface StreamConverter {
  push(bytes: Uint8Array): ChatCompletionChunk[];
  finish(): ChatCompletionChunk[];
  /** Usage seen so far (final once `finish` returned). */
  readonly usage: NormalizedUsage;
  /** Model the provider reported in the stream, if any. */
  readonly servedModel: string | undefined;
}

export interface StreamOptions {
  /** Id to use for every chunk when the provider gives none (`chatcmpl-…`). */
  responseId: string;
  created: number;
}

/** Static facts about a provider family, used by routing and by the conformance matrix. */
export interface AdapterCapabilities {
  chat: boolean;
  streaming: boolean;
  tools: boolean;
  parallelToolCalls: boolean;
  jsonObject: boolean;
  jsonSchema: boolean;
  vision: boolean;
  imageUrls: boolean;
  documents: boolean;
  embeddings: boolean;
  completions: boolean;
  logprobs: boolean;
  n: boolean;
  seed: boolean;
  reasoningEffort: boolean;
}

export interface EmbeddingsRequest {
  model: string;
  input: string | string[] | number[] | number[][];
  encoding_format?: 'float' | 'base64' | undefined;
  dimensions?: number | undefined;
  user?: string | undefined;
  [extra: string]: unknown;
}

export interface EmbeddingsResponse {
  object: 'list';
  model: string;
  data: { object: 'embedding'; index: number; embedding: number[] | string }[];
  usage: { prompt_tokens: number; total_tokens: number };
}

export interface CompletionsRequest {
  model: string;
  prompt: string | string[] | number[] | number[][];
  stream?: boolean | undefined;
  [extra: string]: unknown;
}

/** The contract every provider family implements. Pure functions only. */
export interface ProviderAdapter {
  /** Registry key, e.g. `openai`, `mistral`, `anthropic`. */
  readonly id: string;
  /** Human name for messages and the conformance table. */
  readonly displayName: string;
  readonly capabilities: AdapterCapabilities;
  /**
   * The provider tolerates a W3C `traceparent` header, so the gateway may pass the trace on.
   * Absent (false) for signed requests (Bedrock), where extra headers are best left out.
   */
  readonly acceptsTraceContext?: boolean;

  mapChatRequest(
    request: ChatCompletionRequest,
    target: UpstreamTarget,
    options: MapRequestOptions,
  ): MappedRequest;
  mapChatResponse(body: unknown, target: UpstreamTarget): MappedResponse<ChatCompletionResponse>;
  /**
   * Only for providers whose answer already is the canonical response (OpenAI): usage and served
   * model when the parsed body can be relayed as it came, else undefined (use mapChatResponse).
   */
  readNativeChatResponse?(body: unknown): NativeChatResponse | undefined;
  createChatStreamConverter(target: UpstreamTarget, options: StreamOptions): StreamConverter;

  mapEmbeddingsRequest?(
    request: EmbeddingsRequest,
    target: UpstreamTarget,
    options: MapRequestOptions,
  ): MappedRequest;
  mapEmbeddingsResponse?(body: unknown, target: UpstreamTarget): MappedResponse<EmbeddingsResponse>;

  /** Legacy `/v1/completions`; the body is passed through in OpenAI form. */
  mapCompletionsRequest?(
    request: CompletionsRequest,
    target: UpstreamTarget,
    options: MapRequestOptions,
  ): MappedRequest;

  /** Converts a non-2xx upstream answer into an error with the right class and retry hint. */
  mapError(status: number, headers: Readonly<Record<string, string>>, body: string): UpstreamError;
}
