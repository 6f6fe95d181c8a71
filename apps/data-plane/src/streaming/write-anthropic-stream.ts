import {
  CanonicalStreamToAnthropic,
  formatAnthropicError,
  formatAnthropicSseEvent,
} from '@switchyard/providers';
import type { ChatCompletionChunk } from '@switchyard/providers';
import type { OpenedChatStream } from '../chat/open-chat-stream.js';
import type { RequestContext } from '../chat/request-context.js';
import type { SseWriter } from './sse-writer.js';
import { checkStreamBudget } from '../limits/stream-budget-guard.js';
import { outputCharacters } from './output-characters.js';

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
  try {
    checkStreamBudget(context, outputCharacters(opened.held));
    collect?.push(...opened.held);
    await writer.write(encode(opened.held));
    for (;;) {
      if (writer.closed) {
        context.abort.abort(new Error('client disconnected'));
        return new Error('client disconnected');
      }
      const chunks = await opened.read();
      if (chunks === null) break;
      checkStreamBudget(context, outputCharacters(chunks));
      collect?.push(...chunks);
      await writer.write(encode(chunks));
    }
  } catch (error) {
    opened.settle();
    writer.end(`event: error\ndata: ${JSON.stringify(formatAnthropicError(error).body)}\n\n`);
    return error;
  }
  opened.settle();
  let tail = '';
  for (const event of converter.finish()) tail += formatAnthropicSseEvent(event);
  writer.end(tail);
  return undefined;
}
