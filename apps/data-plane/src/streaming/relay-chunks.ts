import { setImmediate } from 'node:timers/promises';
import type { ChatCompletionChunk } from '@switchyard/providers';
import type { OpenedChatStream } from '../chat/open-chat-stream.js';
import type { RequestContext } from '../chat/request-context.js';
import { checkStreamBudget } from '../limits/stream-budget-guard.js';
import { outputCharacters } from './output-characters.js';
import type { SseWriter } from './sse-writer.js';

/** How a dialect turns canonical chunks into its events, and how it reports a cut stream. */
export interface ChunkEncoding {
  encode(chunks: ChatCompletionChunk[]): string;
  /** The final event that says the stream failed (no clean terminator follows it). */
  errorEvent(error: unknown): string;
}

/**
 * Moves chunks from an opened upstream stream to the client, in any dialect: held preamble
 * first, then each batch as the provider sends it, with the budget guard checked and chunks
 * collected (cache, payload logging) on the way. Back-pressure comes from the writer. Returns
 * the error that cut the stream (the error event is already written), or undefined when the
 * provider finished and the caller should write its own closing events. Settles usage either way.
 */
export async function relayChunks(
  writer: SseWriter,
  context: RequestContext,
  opened: OpenedChatStream,
  encoding: ChunkEncoding,
  collect: ChatCompletionChunk[] | undefined,
): Promise<unknown> {
  try {
    let chunks: ChatCompletionChunk[] | null = opened.held;
    while (chunks !== null) {
      if (writer.closed) {
        context.abort.abort(new Error('client disconnected'));
        opened.settle();
        return new Error('client disconnected');
      }
      checkStreamBudget(context, outputCharacters(chunks));
      collect?.push(...chunks);
      await writer.write(encoding.encode(chunks));
      // Node sends a response write on the next tick; when the rest is already in memory,
      // converting it would run first and hold the opening output back. Let it leave first.
      if (chunks === opened.held) await setImmediate();
      chunks = await opened.read();
    }
  } catch (error) {
    opened.settle();
    writer.end(encoding.errorEvent(error));
    return error;
  }
  opened.settle();
  return undefined;
}
