import type { ChatCompletionChunk } from '@switchyard/providers';
import { formatOpenAiError } from '../http/format-openai-error.js';
import type { OpenedChatStream } from '../chat/open-chat-stream.js';
import type { RequestContext } from '../chat/request-context.js';
import { formatUsd } from '../usage/format-usd.js';
import type { SseWriter } from './sse-writer.js';
import { relayChunks } from './relay-chunks.js';

/**
 * Relays canonical chunks to an OpenAI-dialect client. The provider's usage chunk (`choices: []`)
 * is held to the end and forwarded only if the client asked for it (`include_usage`), with the
 * request's exact cost added. A failure after the first byte ends the stream with an explicit
 * error event and no `[DONE]`, so the client can never mistake it for a complete answer.
 * Returns the error that cut the stream, if any.
 */
export async function writeOpenAiStream(
  writer: SseWriter,
  context: RequestContext,
  opened: OpenedChatStream,
  includeUsage: boolean,
  collect?: ChatCompletionChunk[],
): Promise<unknown> {
  let usageChunk: ChatCompletionChunk | undefined;
  const encode = (chunks: ChatCompletionChunk[]): string => {
    let text = '';
    for (const chunk of chunks) {
      if (chunk.choices.length === 0 && chunk.usage) {
        usageChunk = chunk;
        continue;
      }
      text += `data: ${JSON.stringify(chunk)}\n\n`;
    }
    return text;
  };
  const failure = await relayChunks(
    writer,
    context,
    opened,
    {
      encode,
      errorEvent: (error) => `data: ${JSON.stringify(formatOpenAiError(error).body)}\n\n`,
    },
    collect,
  );
  if (failure !== undefined) return failure;
  if (includeUsage && usageChunk) {
    const cost = context.served?.costNanoUsd ?? 0n;
    const usage = {
      ...usageChunk.usage,
      cost: Number(formatUsd(cost)),
      cost_nano_usd: cost.toString(),
    };
    await writer.write(`data: ${JSON.stringify({ ...usageChunk, usage })}\n\n`);
  }
  writer.end('data: [DONE]\n\n');
  return undefined;
}
