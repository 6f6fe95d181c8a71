import type { StreamConverter, StreamOptions, UpstreamTarget } from '../spec/adapter.js';
import type { ChatCompletionChunk, ChatCompletionChunkChoice } from '../spec/chat-response.js';
import { toOpenAiUsage, type NormalizedUsage } from '../spec/usage.js';
import { SseParser } from '../sse/parse-sse.js';
import {
  geminiGenerateContentResponseSchema,
  type GeminiCandidate,
  type GeminiUsageMetadata,
} from './gemini-api.js';
import { convertGeminiLogprobs } from './convert-gemini-logprobs.js';
import { convertGeminiParts } from './convert-gemini-parts.js';
import { convertGeminiUsage } from './convert-gemini-usage.js';
import {
  geminiMalformedResponseError,
  geminiStreamTruncatedError,
  mapGeminiError,
} from './gemini-error.js';
import { mapGeminiFinishReason } from './map-gemini-finish-reason.js';

/** How much un-framed text to keep while looking for a bare JSON error (reference §3.4). */
const maxUnframedBytes = 64 * 1024;

interface ChoiceState {
  toolCalls: number;
  finished: boolean;
}

/**
 * `:streamGenerateContent?alt=sse` → OpenAI chunks (reference §3.4, §5). Each event is a whole
 * `GenerateContentResponse` holding only the new parts. There is no terminator: the stream ends
 * when the connection closes, so `finish` must check that every candidate reported a
 * `finishReason`, or the cut would look like a clean end. `usageMetadata` is cumulative and
 * repeated on every event; it is emitted once, as the final `choices: []` chunk.
 */
export function createGeminiStreamConverter(
  target: UpstreamTarget,
  options: StreamOptions,
): StreamConverter {
  return new GeminiStreamConverter(target, options);
}

class GeminiStreamConverter implements StreamConverter {
  private readonly parser = new SseParser();
  private readonly choices = new Map<number, ChoiceState>();
  private usageMetadata: GeminiUsageMetadata | undefined;
  private model: string | undefined;
  private responseId: string | undefined;
  private toolCallOrdinal = 0;
  private sawEvent = false;
  private readonly rawDecoder = new TextDecoder();
  private unframed = '';

  constructor(
    private readonly target: UpstreamTarget,
    private readonly options: StreamOptions,
  ) {}

  get usage(): NormalizedUsage {
    return convertGeminiUsage(this.usageMetadata);
  }

  get servedModel(): string | undefined {
    return this.model;
  }

  push(bytes: Uint8Array): ChatCompletionChunk[] {
    const events = this.parser.push(bytes);
    if (!this.sawEvent) this.watchForUnframedError(bytes, events.length > 0);
    return events.flatMap((event) => this.convertEvent(event.data));
  }

  finish(): ChatCompletionChunk[] {
    const chunks = this.parser.end().flatMap((event) => this.convertEvent(event.data));
    if (!this.sawEvent) this.throwIfUnframedError();
    const states = [...this.choices.values()];
    if (states.length === 0 || states.some((state) => !state.finished)) {
      throw geminiStreamTruncatedError();
    }
    if (this.usageMetadata) {
      chunks.push({ ...this.chunkBase(), choices: [], usage: toOpenAiUsage(this.usage) });
    }
    return chunks;
  }

  private convertEvent(data: string): ChatCompletionChunk[] {
    this.sawEvent = true;
    let json: unknown;
    try {
      json = JSON.parse(data);
    } catch {
      throw geminiMalformedResponseError('stream event is not JSON');
    }
    throwIfErrorPayload(json, data);
    const parsed = geminiGenerateContentResponseSchema.safeParse(json);
    if (!parsed.success)
      throw geminiMalformedResponseError(parsed.error.issues[0]?.message ?? 'invalid');
    const event = parsed.data;
    this.model = event.modelVersion ?? this.model;
    this.responseId = event.responseId ?? this.responseId;
    this.usageMetadata = event.usageMetadata ?? this.usageMetadata;

    const deltas: ChatCompletionChunkChoice[] = [];
    const finishes: ChatCompletionChunkChoice[] = [];
    const candidates = event.candidates ?? [];
    if (candidates.length === 0 && event.promptFeedback?.blockReason) {
      // Blocked prompt: same answer as the non-streaming mapper, an empty filtered choice.
      this.choices.set(0, { toolCalls: 0, finished: true });
      deltas.push({ index: 0, delta: { role: 'assistant', content: '' }, finish_reason: null });
      finishes.push({ index: 0, delta: {}, finish_reason: 'content_filter' });
    }
    candidates.forEach((candidate, position) => {
      this.convertCandidate(candidate, position, deltas, finishes);
    });

    // Content and finish go in separate chunks, as OpenAI sends them.
    const chunks: ChatCompletionChunk[] = [];
    if (deltas.length > 0) chunks.push({ ...this.chunkBase(), choices: deltas });
    if (finishes.length > 0) chunks.push({ ...this.chunkBase(), choices: finishes });
    return chunks;
  }

  private convertCandidate(
    candidate: GeminiCandidate,
    position: number,
    deltas: ChatCompletionChunkChoice[],
    finishes: ChatCompletionChunkChoice[],
  ): void {
    const index = candidate.index ?? position;
    const existing = this.choices.get(index);
    const state = existing ?? { toolCalls: 0, finished: false };
    if (!existing) this.choices.set(index, state);
    const isFirst = existing === undefined;
    const parts = convertGeminiParts(
      candidate.content?.parts ?? [],
      this.responseId,
      () => this.toolCallOrdinal++,
    );
    const delta: ChatCompletionChunkChoice['delta'] = {};
    if (isFirst) delta.role = 'assistant';
    if (parts.reasoning !== '') delta.reasoning_content = parts.reasoning;
    if (parts.text !== '' || isFirst) delta.content = parts.text;
    if (parts.toolCalls.length > 0) {
      // Gemini sends function calls whole (reference §3.4): one complete delta each.
      delta.tool_calls = parts.toolCalls.map((call) => ({
        index: state.toolCalls++,
        id: call.id,
        type: 'function' as const,
        function: { name: call.name, arguments: call.arguments },
      }));
    }
    const logprobs = convertGeminiLogprobs(candidate.logprobsResult);
    if (Object.keys(delta).length > 0 || logprobs) {
      deltas.push({ index, delta, ...(logprobs ? { logprobs } : {}), finish_reason: null });
    }
    if (candidate.finishReason) {
      state.finished = true;
      finishes.push({
        index,
        delta: {},
        finish_reason: mapGeminiFinishReason(candidate.finishReason, state.toolCalls > 0),
      });
    }
  }

  /** The official SDK also checks raw chunks for an un-framed `{"error":…}` (reference §3.4). */
  private watchForUnframedError(bytes: Uint8Array, framed: boolean): void {
    if (framed) return;
    if (this.unframed.length < maxUnframedBytes) {
      this.unframed += this.rawDecoder.decode(bytes, { stream: true });
    }
    if (this.unframed.trimStart().startsWith('{')) this.throwIfUnframedError();
  }

  private throwIfUnframedError(): void {
    let json: unknown;
    try {
      json = JSON.parse(this.unframed);
    } catch {
      return; // incomplete (or not JSON): keep reading; `finish` reports truncation
    }
    throwIfErrorPayload(json, this.unframed);
  }

  private chunkBase(): Omit<ChatCompletionChunk, 'choices'> {
    return {
      id: this.options.responseId,
      object: 'chat.completion.chunk',
      created: this.options.created,
      model: this.model ?? this.target.model,
    };
  }
}

/** An in-stream `{"error":{code,…}}` becomes the same UpstreamError a non-2xx answer would. */
function throwIfErrorPayload(json: unknown, raw: string): void {
  if (typeof json !== 'object' || json === null || !('error' in json)) return;
  const error = json.error;
  const code =
    typeof error === 'object' && error !== null && 'code' in error && typeof error.code === 'number'
      ? error.code
      : 500;
  throw mapGeminiError(code, {}, raw);
}
