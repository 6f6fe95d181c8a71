import type OpenAI from 'openai';

/** One tool call as its deltas built it up. */
export interface StreamedToolCall {
  /** Every distinct id seen for this index (exactly one when ids are stable). */
  ids: string[];
  firstDeltaHadId: boolean;
  name: string;
  arguments: string;
}

export interface CollectedStream {
  chunks: OpenAI.ChatCompletionChunk[];
  ids: string[];
  text: string;
  /** Chunks that carried some text: more than one proves the answer was not buffered whole. */
  contentChunks: number;
  finishReason: string | null;
  toolCalls: Map<number, StreamedToolCall>;
}

/** Reads an OpenAI chunk stream to its end, the way a client assembles it. */
export async function collectStream(
  stream: AsyncIterable<OpenAI.ChatCompletionChunk>,
): Promise<CollectedStream> {
  const collected: CollectedStream = {
    chunks: [],
    ids: [],
    text: '',
    contentChunks: 0,
    finishReason: null,
    toolCalls: new Map(),
  };
  for await (const chunk of stream) {
    collected.chunks.push(chunk);
    collected.ids.push(chunk.id);
    const choice = chunk.choices[0];
    if (!choice) continue;
    if (choice.delta.content) {
      collected.text += choice.delta.content;
      collected.contentChunks += 1;
    }
    collected.finishReason = choice.finish_reason ?? collected.finishReason;
    for (const delta of choice.delta.tool_calls ?? []) addToolCallDelta(collected.toolCalls, delta);
  }
  return collected;
}

function addToolCallDelta(
  calls: Map<number, StreamedToolCall>,
  delta: OpenAI.ChatCompletionChunk.Choice.Delta.ToolCall,
): void {
  let call = calls.get(delta.index);
  if (call === undefined) {
    call = {
      ids: [],
      firstDeltaHadId: delta.id !== undefined && delta.id !== '',
      name: '',
      arguments: '',
    };
    calls.set(delta.index, call);
  }
  if (delta.id && !call.ids.includes(delta.id)) call.ids.push(delta.id);
  call.name += delta.function?.name ?? '';
  call.arguments += delta.function?.arguments ?? '';
}
