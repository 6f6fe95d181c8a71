import type { StreamConverter, StreamOptions, UpstreamTarget } from '../spec/adapter.js';
import type {
  ChatCompletionChunk,
  ChatCompletionChunkChoice,
  FinishReason,
} from '../spec/chat-response.js';
import { toOpenAiUsage, type NormalizedUsage } from '../spec/usage.js';
import { SseParser, type SseEvent } from '../sse/parse-sse.js';
import {
  anthropicBlockDeltaSchema,
  anthropicStreamEventSchema,
  anthropicToolUseStartSchema,
  knownStreamEventTypes,
  type AnthropicStreamEvent,
  type AnthropicUsage,
} from './anthropic-api.js';
import {
  anthropicInvalidResponseError,
  anthropicStreamTruncatedError,
  mapAnthropicStreamError,
} from './anthropic-error.js';
import { convertAnthropicUsage, mergeAnthropicUsage } from './convert-anthropic-usage.js';
import { mapAnthropicFinishReason } from './map-anthropic-finish-reason.js';

type Delta = ChatCompletionChunkChoice['delta'];

/**
 * Anthropic SSE (reference §2.6) → OpenAI `chat.completion.chunk`s (§1.7), following the
 * stream table in §2.8:
 * - `message_start` → first chunk `{role: "assistant", content: ""}`;
 * - `text_delta` → `content`, `thinking_delta` → `reasoning_content`;
 * - `tool_use` block start → a tool-call delta with `id`, `name` and `index` = the block's
 *   position among tool_use blocks (not Anthropic's block index, which counts text too);
 *   `input_json_delta` → `arguments` fragments on that same index;
 * - `message_delta.stop_reason` → the finish chunk; `message_stop` → a `choices: []` chunk
 *   with the cumulative usage (the data plane forwards it only if the client asked, §5);
 * - `ping`, `content_block_stop`, signature/citation deltas and unknown events → nothing.
 * An `error` event throws; input that ends before `message_stop` makes `finish()` throw.
 */
export class AnthropicStreamConverter implements StreamConverter {
  private readonly parser = new SseParser();
  private id: string;
  private model: string;
  private reportedModel: string | undefined;
  private rawUsage: AnthropicUsage = {};
  /** Anthropic content-block index → OpenAI tool-call index. */
  private readonly toolIndexByBlock = new Map<number, number>();
  private finishReason: FinishReason | null = null;
  private stopped = false;

  constructor(
    target: UpstreamTarget,
    private readonly options: StreamOptions,
  ) {
    this.id = options.responseId;
    this.model = target.model;
  }

  get usage(): NormalizedUsage {
    return convertAnthropicUsage(this.rawUsage);
  }

  get servedModel(): string | undefined {
    return this.reportedModel;
  }

  push(bytes: Uint8Array): ChatCompletionChunk[] {
    return this.handleAll(this.parser.push(bytes));
  }

  finish(): ChatCompletionChunk[] {
    const chunks = this.handleAll(this.parser.end());
    if (!this.stopped) throw anthropicStreamTruncatedError();
    return chunks;
  }

  private handleAll(events: SseEvent[]): ChatCompletionChunk[] {
    const chunks: ChatCompletionChunk[] = [];
    for (const event of events) {
      // Nothing may follow `message_stop` (§2.6); stray bytes after it are not our answer.
      if (this.stopped) break;
      const parsed = parseEvent(event);
      if (parsed) chunks.push(...this.handle(parsed));
    }
    return chunks;
  }

  private handle(event: AnthropicStreamEvent): ChatCompletionChunk[] {
    switch (event.type) {
      case 'message_start':
        this.id = event.message.id;
        this.model = this.reportedModel = event.message.model;
        this.rawUsage = event.message.usage;
        return [this.chunk({ role: 'assistant', content: '' })];
      case 'content_block_start':
        return this.startBlock(event.index, event.content_block);
      case 'content_block_delta':
        return this.blockDelta(event.index, event.delta);
      case 'message_delta': {
        if (event.usage) this.rawUsage = mergeAnthropicUsage(this.rawUsage, event.usage);
        const reason = mapAnthropicFinishReason(event.delta.stop_reason);
        if (reason === null || this.finishReason !== null) return [];
        this.finishReason = reason;
        return [this.chunk({}, reason)];
      }
      case 'message_stop':
        this.stopped = true;
        return [{ ...this.chunk({}), choices: [], usage: toOpenAiUsage(this.usage) }];
      case 'error':
        throw mapAnthropicStreamError(event.error);
      case 'content_block_stop':
      case 'ping':
        return [];
    }
  }

  private startBlock(
    index: number,
    block: { type: string; [key: string]: unknown },
  ): ChatCompletionChunk[] {
    if (block.type === 'tool_use') {
      const toolUse = anthropicToolUseStartSchema.safeParse(block);
      if (!toolUse.success)
        throw anthropicInvalidResponseError('tool_use block without id or name', toolUse.error);
      const toolIndex = this.toolIndexByBlock.size;
      this.toolIndexByBlock.set(index, toolIndex);
      // The input always streams through input_json_delta; the start block carries `{}`.
      const call = { index: toolIndex, id: toolUse.data.id, type: 'function' as const };
      return [
        this.chunk({
          tool_calls: [{ ...call, function: { name: toolUse.data.name, arguments: '' } }],
        }),
      ];
    }
    if (block.type === 'text' && typeof block.text === 'string' && block.text !== '') {
      return [this.chunk({ content: block.text })];
    }
    if (block.type === 'thinking' && typeof block.thinking === 'string' && block.thinking !== '') {
      return [this.chunk({ reasoning_content: block.thinking })];
    }
    return [];
  }

  private blockDelta(index: number, rawDelta: { type: string }): ChatCompletionChunk[] {
    const parsed = anthropicBlockDeltaSchema.safeParse(rawDelta);
    if (!parsed.success) return []; // signature_delta, citations_delta, future delta types
    const delta = parsed.data;
    switch (delta.type) {
      case 'text_delta':
        return [this.chunk({ content: delta.text })];
      case 'thinking_delta':
        return [this.chunk({ reasoning_content: delta.thinking })];
      case 'input_json_delta': {
        const toolIndex = this.toolIndexByBlock.get(index);
        if (toolIndex === undefined)
          throw anthropicInvalidResponseError(
            `input_json_delta for block ${index}, which is not a tool_use`,
          );
        // The first fragment is often "" (§2.6): nothing to forward.
        if (delta.partial_json === '') return [];
        return [
          this.chunk({
            tool_calls: [{ index: toolIndex, function: { arguments: delta.partial_json } }],
          }),
        ];
      }
    }
  }

  private chunk(delta: Delta, finishReason: FinishReason | null = null): ChatCompletionChunk {
    return {
      id: this.id,
      object: 'chat.completion.chunk',
      created: this.options.created,
      model: this.model,
      choices: [{ index: 0, delta, finish_reason: finishReason }],
    };
  }
}

/** Decodes one SSE event; unknown event types are skipped as §2.6 asks. */
function parseEvent(event: SseEvent): AnthropicStreamEvent | undefined {
  let data: unknown;
  try {
    data = JSON.parse(event.data);
  } catch (error) {
    throw anthropicInvalidResponseError(`event '${event.event ?? 'message'}' is not JSON`, error);
  }
  // The JSON `type` is authoritative; the `event:` line merely repeats it.
  const type =
    typeof data === 'object' && data !== null && 'type' in data ? data.type : event.event;
  if (typeof type !== 'string' || !knownStreamEventTypes.has(type)) return undefined;
  const parsed = anthropicStreamEventSchema.safeParse(
    typeof data === 'object' ? { type, ...data } : data,
  );
  if (!parsed.success)
    throw anthropicInvalidResponseError(`malformed '${type}' event`, parsed.error);
  return parsed.data;
}
