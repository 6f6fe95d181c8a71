import { estimatePromptTokens, type EstimablePrompt } from './estimate-prompt-tokens.js';

/**
 * What routing knows about one request: the facts rule conditions test and the capability
 * registry checks. Built once per request from the body and the caller's metadata.
 */
export interface RequestFeatures {
  /** The model name the caller sent (alias or catalog id). */
  requestedModel: string;
  /** Catalog id and canonical id the name resolved to, so a rule may name either. */
  resolvedModelIds: readonly string[];
  /** Estimated prompt tokens (see estimate-prompt-tokens.ts). */
  promptTokens: number;
  /** `max_completion_tokens` / `max_tokens` the caller asked for, if any. */
  maxOutputTokens: number | undefined;
  tools: boolean;
  images: boolean;
  audio: boolean;
  documents: boolean;
  /** Structured output requested with `response_format`. */
  jsonOutput: 'json_object' | 'json_schema' | undefined;
  streaming: boolean;
  /** Caller tags as name → value (`team:search` → team=search; a bare tag maps to ''). */
  tags: ReadonlyMap<string, string>;
  /** Request headers with lower-case names (as Node delivers them). */
  headers: Readonly<Record<string, string | string[] | undefined>>;
  keyId: string;
  endUser: string | undefined;
}

/** The parts of a chat request routing reads; structurally satisfied by the canonical request. */
export interface RoutableChatRequest extends EstimablePrompt {
  model: string;
  response_format?: { type: string } | null | undefined;
  stream?: boolean | null | undefined;
  max_tokens?: number | null | undefined;
  max_completion_tokens?: number | null | undefined;
  metadata?: Readonly<Record<string, string>> | null | undefined;
}

/** Caller facts that do not come from the body. */
export interface RequestMetadata {
  keyId: string;
  endUser: string | undefined;
  /** Tags from the `x-switchyard-tags` header, as sent (`name:value` or bare). */
  tags: readonly string[];
  headers: Readonly<Record<string, string | string[] | undefined>>;
  resolvedModelIds?: readonly string[];
}

const noTags: ReadonlyMap<string, string> = new Map();

/** Extracts routing features from a chat request and its caller metadata. */
export function extractRequestFeatures(
  request: RoutableChatRequest,
  metadata: RequestMetadata,
): RequestFeatures {
  let images = false;
  let audio = false;
  let documents = false;
  for (const message of request.messages) {
    if (!Array.isArray(message.content)) continue;
    for (const part of message.content as unknown[]) {
      const type =
        typeof part === 'object' && part !== null ? (part as { type?: unknown }).type : undefined;
      if (type === 'image_url') images = true;
      else if (type === 'input_audio') audio = true;
      else if (type === 'file') documents = true;
    }
  }
  const format = request.response_format?.type;
  return {
    requestedModel: request.model,
    resolvedModelIds: metadata.resolvedModelIds ?? [],
    promptTokens: estimatePromptTokens(request),
    maxOutputTokens: request.max_completion_tokens ?? request.max_tokens ?? undefined,
    tools: (request.tools?.length ?? 0) > 0,
    images,
    audio,
    documents,
    jsonOutput: format === 'json_object' || format === 'json_schema' ? format : undefined,
    streaming: request.stream === true,
    tags: tagMap(metadata.tags, request.metadata),
    headers: metadata.headers,
    keyId: metadata.keyId,
    endUser: metadata.endUser,
  };
}

/** Header tags first, then body `metadata` entries (which win on a clash: they are explicit pairs). */
function tagMap(
  headerTags: readonly string[],
  bodyMetadata: Readonly<Record<string, string>> | null | undefined,
): ReadonlyMap<string, string> {
  if (headerTags.length === 0 && !bodyMetadata) return noTags;
  const tags = new Map<string, string>();
  for (const tag of headerTags) {
    const separator = tag.indexOf(':');
    if (separator === -1) tags.set(tag, '');
    else tags.set(tag.slice(0, separator).trim(), tag.slice(separator + 1).trim());
  }
  if (bodyMetadata) for (const name in bodyMetadata) tags.set(name, String(bodyMetadata[name]));
  return tags;
}
