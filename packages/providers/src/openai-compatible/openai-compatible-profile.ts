import type { AdapterCapabilities, UpstreamTarget } from '../spec/adapter.js';
import type { FinishReason } from '../spec/chat-response.js';
import type { WireContentPart, WireErrorBody } from './openai-compatible-api.js';

/**
 * A provider of the OpenAI family, described as data. `createOpenAiCompatibleAdapter` turns a
 * profile into a `ProviderAdapter`; every deviation from OpenAI's wire format lives here, in the
 * provider's own folder, so the shared converters never ask which provider they are serving.
 */
export interface OpenAiCompatibleProfile {
  /** Registry key, e.g. `mistral`. */
  id: string;
  /** Human name used in error messages, e.g. `Mistral`. */
  displayName: string;
  /** Used when the target has no base URL; without one the target must carry it. */
  defaultBaseUrl?: string;
  capabilities: AdapterCapabilities;
  /** How the credential is sent, or a function building the auth headers (Azure: `api-key`). */
  auth: AuthStyle | ((target: UpstreamTarget) => Record<string, string>);
  /** Extra headers derived from the target (OpenAI organisation/project, OpenRouter attribution). */
  extraHeaders?: (target: UpstreamTarget) => Record<string, string>;
  /** Builds the endpoint URL; default `{baseUrl}/{endpoint}`. */
  buildUrl?: (target: UpstreamTarget, endpoint: OpenAiCompatibleEndpoint) => string;

  /** Top-level chat fields forwarded with OpenAI's meaning. Anything else is refused or dropped. */
  chatParameters: ReadonlySet<string>;
  /** Canonical fields the provider spells differently, e.g. `{ seed: 'random_seed' }`. */
  renamedParameters?: Readonly<Record<string, string>>;
  /**
   * Values that only restate the provider's default behaviour (e.g. Ollama's `tool_choice:
   * "auto"`): the field is omitted instead of refused, because sending nothing means the same.
   */
  neutralValues?: Readonly<Record<string, unknown>>;
  /** Values of supported fields the provider cannot honour (e.g. `n > 1`). */
  valueRules?: readonly ValueRule[];
  /** Fields a subset of the provider's models refuse or silently ignore. */
  modelRules?: readonly ModelRule[];
  /**
   * Fields the gateway always sends so that the provider behaves like OpenAI (Fireworks would
   * otherwise shrink `max_tokens` silently). Only added when the caller did not set them.
   */
  addedBodyFields?: Readonly<Record<string, unknown>>;
  messages: MessageRules;
  /**
   * `include-usage`: the provider accepts `stream_options.include_usage`, and the gateway always
   * sets it. `unsupported`: the provider refuses `stream_options` but reports usage unasked.
   */
  streamOptions: 'include-usage' | 'unsupported';
  /** How a stream ends cleanly: a `[DONE]` event, or every choice finished and the body closed. */
  streamTerminator: 'done' | 'finish-reason';
  usage: UsageConvention;
  /** The provider's `chat.completion` is the canonical response itself (OpenAI): relay it as is. */
  nativeChatResponse?: boolean;
  /** Where reasoning text appears in messages and deltas, in order of preference. */
  reasoningFields: readonly ('reasoning_content' | 'reasoning')[];
  /** Splits array `content` into text and reasoning; default keeps the `text` parts. */
  readContentParts?: (parts: readonly WireContentPart[]) => { text: string; reasoning: string };
  /** Provider-specific finish reasons; `error` means the generation failed upstream. */
  finishReasons?: Readonly<Record<string, FinishReason | 'error'>>;
  /** Extra structured detail to keep from an error body (Azure's content-filter results). */
  errorDetails?: (error: WireErrorBody) => Record<string, unknown> | undefined;

  embeddings?: EmbeddingsRules;
  completions?: CompletionsRules;
}

export type OpenAiCompatibleEndpoint = 'chat/completions' | 'embeddings' | 'completions';

/**
 * `bearer`: `Authorization: Bearer <key>`. `optional-bearer`: the same, omitted when the target
 * has no key (self-hosted servers started without `--api-key`).
 */
export type AuthStyle = 'bearer' | 'optional-bearer';

export interface ValueRule {
  /** Top-level parameter the rule checks (dropping it removes the whole field). */
  param: string;
  allowed: (value: unknown) => boolean;
  /** Why, shown in the 400 message. */
  hint: string;
}

export interface ModelRule {
  /** Models (provider ids) the rule applies to. */
  models: RegExp;
  /** Parameters these models refuse or ignore; both are surfaced, never sent silently. */
  unsupported: readonly string[];
  hint: string;
}

export interface MessageRules {
  /** `developer` messages are sent as they are, or as `system` where the role does not exist. */
  developerRole: 'developer' | 'system';
  /** Accepts `name` on messages. */
  names: boolean;
  /** Accepts an assistant's `reasoning_content` replayed in the conversation history. */
  assistantReasoning: boolean;
  /** Accepts `image_url.detail`. */
  imageDetail: boolean;
  /** Accepts `input_audio` content parts. */
  audioInput: boolean;
  /** Rewrites tool-call ids the provider would refuse (same id in, same id out). */
  rewriteToolCallId?: (id: string) => string;
}

export interface UsageConvention {
  /** `completion_tokens` excludes reasoning tokens, so output = completion + reasoning (xAI). */
  completionExcludesReasoning?: boolean;
  /** Cache hits come from DeepSeek-style `prompt_cache_hit_tokens` instead of `prompt_tokens_details`. */
  cacheReadFromPromptCacheHit?: boolean;
  /** Paths (from the response/chunk root) where usage may be found, first match wins. */
  paths?: readonly (readonly string[])[];
}

export interface EmbeddingsRules {
  /** Top-level embeddings fields forwarded. */
  parameters: ReadonlySet<string>;
  /** Accepts token arrays (`number[]`, `number[][]`) as input. */
  tokenInput: boolean;
}

export interface CompletionsRules {
  /** Legacy completions is a passthrough; these fields are known to be refused or ignored. */
  unsupportedParameters: ReadonlySet<string>;
  /** Accepts only a single string `prompt`. */
  stringPromptOnly: boolean;
}
