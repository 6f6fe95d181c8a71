import type { ChatCompletionChunk, FinishReason, OpenAiUsage } from '../spec/chat-response.js';
import type { AnthropicOutputEvent } from './anthropic-ingress-api.js';
import { convertCanonicalUsageToAnthropic } from './convert-canonical-usage-to-anthropic.js';
import { mapCanonicalFinishReason } from './map-canonical-finish-reason.js';

type BlockKind = 'text' | 'thinking' | 'tool_use';

export interface CanonicalStreamToAnthropicOptions {
  /** Message id to announce; defaults to the first chunk's id. */
  messageId?: string;
  /** Model to announce; defaults to the first chunk's model. */
  model?: string;
}

/**
 * Canonical chunks in → Anthropic stream events out, in the order the Anthropic SDK's
 * MessageStream expects (§2.6): `message_start`, then per content block `content_block_start`,
 * deltas and `content_block_stop` — one block open at a time, indexes 0, 1, 2 … — then
 * `message_delta` (stop_reason and usage) and `message_stop`.
 *
 * OpenAI streams interleave nothing but do switch kinds (reasoning → text → tool calls), so a
 * block is closed when another kind starts. Each tool-call `index` becomes its own tool_use
 * block; its `arguments` fragments become `input_json_delta`s. `finish_reason` and usage may
 * arrive in different chunks (§1.7), so the closing events wait for `finish()`.
 */
export class CanonicalStreamToAnthropic {
  private started = false;
  private finished = false;
  private messageId = 'msg_gateway';
  private nextIndex = 0;
  private open: { index: number; kind: BlockKind } | undefined;
  /** OpenAI tool-call index → Anthropic content-block index. */
  private readonly toolBlocks = new Map<number, number>();
  private finishReason: FinishReason | null = null;
  private usage: OpenAiUsage | undefined;

  constructor(private readonly options: CanonicalStreamToAnthropicOptions = {}) {}

  push(chunk: ChatCompletionChunk): AnthropicOutputEvent[] {
    if (this.finished) return [];
    const events: AnthropicOutputEvent[] = [];
    if (!this.started) events.push(this.start(chunk.id, chunk.model, chunk.usage));
    if (chunk.usage) this.usage = chunk.usage;
    const choice = chunk.choices.find((candidate) => candidate.index === 0);
    if (!choice) return events;
    const { delta } = choice;
    if (delta.reasoning_content) {
      events.push(...this.ensureBlock('thinking'));
      events.push(this.delta({ type: 'thinking_delta', thinking: delta.reasoning_content }));
    }
    for (const text of [delta.content, delta.refusal]) {
      if (!text) continue;
      events.push(...this.ensureBlock('text'));
      events.push(this.delta({ type: 'text_delta', text }));
    }
    for (const call of delta.tool_calls ?? []) {
      let index = this.toolBlocks.get(call.index);
      if (index === undefined) {
        events.push(...this.closeBlock());
        index = this.nextIndex++;
        this.toolBlocks.set(call.index, index);
        this.open = { index, kind: 'tool_use' };
        const id = call.id ?? `toolu_${this.messageId}_${call.index}`;
        const name = call.function?.name ?? '';
        events.push({
          type: 'content_block_start',
          index,
          content_block: { type: 'tool_use', id, name, input: {} },
        });
      }
      const fragment = call.function?.arguments;
      // A fragment for a tool call whose block was already closed (no provider we know sends
      // one) still goes to that call's index: SDK accumulators assemble input by index.
      if (fragment)
        events.push({
          type: 'content_block_delta',
          index,
          delta: { type: 'input_json_delta', partial_json: fragment },
        });
    }
    if (choice.finish_reason) {
      this.finishReason = choice.finish_reason;
      events.push(...this.closeBlock());
    }
    return events;
  }

  /** Ends the message: closes the open block, then `message_delta` and `message_stop`. */
  finish(): AnthropicOutputEvent[] {
    if (this.finished) return [];
    this.finished = true;
    const events: AnthropicOutputEvent[] = [];
    if (!this.started)
      events.push(
        this.start(this.options.messageId ?? this.messageId, this.options.model ?? '', undefined),
      );
    events.push(...this.closeBlock());
    events.push({
      type: 'message_delta',
      delta: { stop_reason: mapCanonicalFinishReason(this.finishReason), stop_sequence: null },
      usage: convertCanonicalUsageToAnthropic(this.usage),
    });
    events.push({ type: 'message_stop' });
    return events;
  }

  private start(
    id: string,
    model: string,
    usage: OpenAiUsage | null | undefined,
  ): AnthropicOutputEvent {
    this.started = true;
    this.messageId = this.options.messageId ?? id;
    return {
      type: 'message_start',
      message: {
        id: this.messageId,
        type: 'message',
        role: 'assistant',
        model: this.options.model ?? model,
        content: [],
        stop_reason: null,
        stop_sequence: null,
        // OpenAI-style upstreams report usage only at the end; message_delta carries the totals.
        usage: convertCanonicalUsageToAnthropic(usage),
      },
    };
  }

  private ensureBlock(kind: 'text' | 'thinking'): AnthropicOutputEvent[] {
    if (this.open?.kind === kind) return [];
    const events = this.closeBlock();
    const index = this.nextIndex++;
    this.open = { index, kind };
    events.push({
      type: 'content_block_start',
      index,
      content_block:
        kind === 'text'
          ? { type: 'text', text: '' }
          : { type: 'thinking', thinking: '', signature: '' },
    });
    return events;
  }

  private closeBlock(): AnthropicOutputEvent[] {
    if (!this.open) return [];
    const index = this.open.index;
    this.open = undefined;
    return [{ type: 'content_block_stop', index }];
  }

  private delta(
    delta: Extract<AnthropicOutputEvent, { type: 'content_block_delta' }>['delta'],
  ): AnthropicOutputEvent {
    return { type: 'content_block_delta', index: this.open?.index ?? 0, delta };
  }
}

/** Frames one event for the wire: Anthropic SSE names every event after its `type` (§2.6, §5). */
export function formatAnthropicSseEvent(event: AnthropicOutputEvent): string {
  return `event: ${event.type}\ndata: ${JSON.stringify(event)}\n\n`;
}
