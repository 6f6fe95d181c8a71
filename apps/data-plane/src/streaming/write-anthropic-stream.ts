import {
  CanonicalStreamToAnthropic,
  formatAnthropicError,
  formatAnthropicSseEvent,
} from '@switchyard/providers';
import type { ChatCompletionChunk } from '@switchyard/providers';
import type { OpenedChatStream } from '../chat/open-chat-stream.js';
import type { RequestContext } from '../chat/request-context.js';
import type { SseWriter } from './sse-writer.js';
import { relayChunks } from './relay-chunks.js';

/**
 * Relays canonical chunks to an Anthropic-dialect client (`/v1/messages`) as Anthropic events.
 * A failure after the first byte ends the stream with an `event: error` and no `message_stop`,
 * which the Anthropic SDK raises as an error. Returns the error that cut the stream, if any.
 */
export async function writeAnthropicStream(
  writer: SseWriter,
  context: RequestContext,
  opened: OpenedChatStream,
  collect?: ChatCompletionChunk[],
): Promise<unknown> {
  const converter = new CanonicalStreamToAnthropic({ messageId: `msg_${context.requestId}` });
  const encode = (chunks: ChatCompletionChunk[]): string => {
    let text = '';
    for (const chunk of chunks)
      for (const event of converter.push(chunk)) text += formatAnthropicSseEvent(event);
    return text;
  };
  const failure = await relayChunks(
    writer,
    context,
    opened,
    {
      encode,
      errorEvent: (error) =>
        `event: error\ndata: ${JSON.stringify(formatAnthropicError(error).body)}\n\n`,
    },
    collect,
  );
  if (failure !== undefined) return failure;
  let tail = '';
  for (const event of converter.finish()) tail += formatAnthropicSseEvent(event);
  writer.end(tail);
  return undefined;
}
