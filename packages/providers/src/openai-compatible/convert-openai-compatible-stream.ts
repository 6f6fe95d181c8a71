import { isGatewayError } from '@switchyard/errors';
import type { StreamConverter, StreamOptions, UpstreamTarget } from '../spec/adapter.js';
import type {
  ChatCompletionChunk,
  ChatCompletionChunkChoice,
  ChunkToolCallDelta,
} from '../spec/chat-response.js';
import { emptyUsage, toOpenAiUsage, type NormalizedUsage } from '../spec/usage.js';
import { SseParser, type SseEvent } from '../sse/parse-sse.js';
import {
  convertOpenAiCompatibleUsage,
  readOpenAiCompatibleUsage,
} from './convert-openai-compatible-usage.js';
import { mapOpenAiCompatibleFinishReason } from './map-openai-compatible-finish-reason.js';
import {
  wireChatChunkSchema,
  type WireChatChunk,
  type WireToolCall,
} from './openai-compatible-api.js';
import {
  generationFailedError,
  invalidResponseError,
  mapOpenAiCompatibleErrorPayload,
  streamTruncatedError,
} from './openai-compatible-error.js';
import type { OpenAiCompatibleProfile } from './openai-compatible-profile.js';
import {
  readOpenAiCompatibleMessageText,
  toolCallArguments,
} from './read-openai-compatible-message.js';

/** Tool calls seen so far in one choice: index ↔ id, so later fragments keep both stable. */
interface ChoiceToolCalls {
  idByIndex: Map<number, string>;
  indexById: Map<string, number>;
  last: number | undefined;
}

/**
 * Converts an OpenAI-style SSE stream (`data: <chunk>` … `data: [DONE]`, reference §1.7, §5)
 * into canonical chunks, incrementally. Usage never rides on a content chunk: it is collected
 * wherever the provider puts it (final `choices: []` chunk, the finish chunk, `x_groq.usage`) and
 * emitted as one `choices: []` chunk when the stream ends cleanly; the data plane forwards it only
 * to clients that asked for `include_usage`.
 */
export class OpenAiCompatibleStreamConverter implements StreamConverter {
  private readonly parser = new SseParser();
  private ended = false;
  private pendingError: unknown;
  private sawUsage = false;
  private currentUsage: NormalizedUsage = emptyUsage();
  private model: string | undefined;
  private id: string | undefined;
  private created: number | undefined;
  private systemFingerprint: string | null | undefined;
  private readonly openChoices = new Set<number>();
  private readonly finishedChoices = new Set<number>();
  private readonly toolCalls = new Map<number, ChoiceToolCalls>();

  constructor(
    private readonly profile: OpenAiCompatibleProfile,
    private readonly target: UpstreamTarget,
    private readonly options: StreamOptions,
  ) {}

  get usage(): NormalizedUsage {
    return this.currentUsage;
  }

  get servedModel(): string | undefined {
    return this.model;
  }

  push(bytes: Uint8Array): ChatCompletionChunk[] {
    this.throwPendingError();
    return this.handle(this.parser.push(bytes));
  }

  finish(): ChatCompletionChunk[] {
    this.throwPendingError();
    const chunks = this.handle(this.parser.end());
    this.throwPendingError();
    if (this.ended) return chunks;
    // Providers without `[DONE]` end cleanly once every choice they opened has a finish_reason.
    const allFinished = this.finishedChoices.size > 0 && this.openChoices.size === 0;
    if (this.profile.streamTerminator === 'finish-reason' && allFinished) {
      this.ended = true;
      return [...chunks, ...this.usageChunk()];
    }
    throw streamTruncatedError(this.profile.displayName);
  }

  /** An error after some chunks of the same read is held back so those chunks still reach the client. */
  private throwPendingError(): void {
    if (this.pendingError === undefined) return;
    const error = this.pendingError;
    this.pendingError = undefined;
    throw error;
  }

  private handle(events: SseEvent[]): ChatCompletionChunk[] {
    const chunks: ChatCompletionChunk[] = [];
    for (const event of events) {
      if (this.ended) break;
      try {
        chunks.push(...this.handleEvent(event));
      } catch (error) {
        if (chunks.length === 0 || !isGatewayError(error)) throw error;
        this.pendingError = error;
        break;
      }
    }
    return chunks;
  }

  private handleEvent(event: SseEvent): ChatCompletionChunk[] {
    const data = event.data.trim();
    if (data === '') return [];
    if (data === '[DONE]') {
      this.ended = true;
      return this.usageChunk();
    }
    let json: unknown;
    try {
      json = JSON.parse(data);
    } catch (cause) {
      throw invalidResponseError(this.profile.displayName, 'stream event is not JSON', cause);
    }
    const hasError =
      typeof json === 'object' && json !== null && 'error' in json && json.error != null;
    if (event.event === 'error' || hasError) {
      throw mapOpenAiCompatibleErrorPayload(this.profile, json);
    }
    const parsed = wireChatChunkSchema.safeParse(json);
    if (!parsed.success) {
      throw invalidResponseError(
        this.profile.displayName,
        'stream chunk has an unexpected shape',
        parsed.error,
      );
    }
    const chunk = this.convertChunk(parsed.data);
    return chunk ? [chunk] : [];
  }

  private convertChunk(wire: WireChatChunk): ChatCompletionChunk | undefined {
    if (wire.model) this.model = wire.model;
    if (wire.id && this.id === undefined) this.id = wire.id;
    if (wire.created && this.created === undefined) this.created = wire.created;
    if (wire.system_fingerprint !== undefined) this.systemFingerprint = wire.system_fingerprint;
    const wireUsage = readOpenAiCompatibleUsage(wire, this.profile.usage);
    if (wireUsage) {
      this.currentUsage = convertOpenAiCompatibleUsage(wireUsage, this.profile.usage);
      this.sawUsage = true;
    }
    const choices = (wire.choices ?? []).flatMap((choice, position) =>
      this.convertChoice(choice, position),
    );
    // A chunk with nothing for the client (usage only, Azure's prompt-filter results) is not
    // forwarded: a `choices: []` chunk means "usage" to the data plane.
    return choices.length === 0 ? undefined : this.envelope(choices);
  }

  private convertChoice(
    choice: NonNullable<WireChatChunk['choices']>[number],
    position: number,
  ): ChatCompletionChunkChoice[] {
    const index = choice.index ?? position;
    const finishReason = mapOpenAiCompatibleFinishReason(choice.finish_reason, this.profile);
    if (finishReason === 'error') throw generationFailedError(this.profile.displayName);
    if (finishReason) {
      this.finishedChoices.add(index);
      this.openChoices.delete(index);
    } else if (!this.finishedChoices.has(index)) {
      this.openChoices.add(index);
    }
    const delta: ChatCompletionChunkChoice['delta'] = {};
    const wireDelta = choice.delta ?? {};
    if (wireDelta.role === 'assistant') delta.role = 'assistant';
    const { content, reasoning } = readOpenAiCompatibleMessageText(wireDelta, this.profile);
    if (content !== undefined) delta.content = content;
    if (wireDelta.refusal !== undefined) delta.refusal = wireDelta.refusal;
    if (reasoning !== undefined) delta.reasoning_content = reasoning;
    if (wireDelta.tool_calls && wireDelta.tool_calls.length > 0) {
      delta.tool_calls = wireDelta.tool_calls.map((call) => this.convertToolCall(index, call));
    }
    const hasLogprobs = choice.logprobs !== undefined && choice.logprobs !== null;
    if (Object.keys(delta).length === 0 && finishReason === null && !hasLogprobs) return [];
    return [
      {
        index,
        delta,
        ...(choice.logprobs !== undefined ? { logprobs: choice.logprobs } : {}),
        finish_reason: finishReason,
      },
    ];
  }

  /**
   * Keeps tool-call indexes and ids stable. OpenAI sends `index` on every fragment and `id` on
   * the first; Groq and xAI send the whole call in one fragment (passed as is); a provider that
   * omits `index` gets one by order (a new `id` opens the next call, no `id` continues the last).
   * A call whose first fragment has no id gets a derived one, since clients key calls by id.
   */
  private convertToolCall(choiceIndex: number, call: WireToolCall): ChunkToolCallDelta {
    let calls = this.toolCalls.get(choiceIndex);
    if (!calls) {
      calls = { idByIndex: new Map(), indexById: new Map(), last: undefined };
      this.toolCalls.set(choiceIndex, calls);
    }
    let index: number;
    if (call.index !== undefined && call.index !== null) index = call.index;
    else if (call.id && calls.indexById.has(call.id))
      index = calls.indexById.get(call.id) as number;
    else if (call.id || calls.last === undefined) index = calls.idByIndex.size;
    else index = calls.last;
    calls.last = index;

    const out: ChunkToolCallDelta = { index };
    const knownId = calls.idByIndex.get(index);
    if (knownId === undefined) {
      const id = call.id || `call_${this.options.responseId}_${choiceIndex}_${index}`;
      calls.idByIndex.set(index, id);
      calls.indexById.set(id, index);
      out.id = id;
      out.type = 'function';
    } else if (call.id) {
      out.id = knownId;
    }
    const name = call.function?.name;
    const args = toolCallArguments(call);
    if (name || args !== undefined) {
      out.function = {
        ...(name ? { name } : {}),
        ...(args !== undefined ? { arguments: args } : {}),
      };
    }
    return out;
  }

  private usageChunk(): ChatCompletionChunk[] {
    return this.sawUsage ? [{ ...this.envelope([]), usage: toOpenAiUsage(this.currentUsage) }] : [];
  }

  private envelope(choices: ChatCompletionChunkChoice[]): ChatCompletionChunk {
    return {
      id: this.id ?? this.options.responseId,
      object: 'chat.completion.chunk',
      created: this.created ?? this.options.created,
      model: this.model ?? this.target.model,
      choices,
      ...(this.systemFingerprint !== undefined
        ? { system_fingerprint: this.systemFingerprint }
        : {}),
    };
  }
}
