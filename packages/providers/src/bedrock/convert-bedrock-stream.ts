import type { z } from 'zod';
import type { StreamConverter, StreamOptions, UpstreamTarget } from '../spec/adapter.js';
import type { ChatCompletionChunk, ChatCompletionChunkChoice } from '../spec/chat-response.js';
import { toOpenAiUsage, type NormalizedUsage } from '../spec/usage.js';
import { bedrockStreamEventSchemas as events, type BedrockUsage } from './bedrock-api.js';
import {
  bedrockMalformedResponseError,
  bedrockStreamTruncatedError,
  mapBedrockStreamException,
} from './bedrock-error.js';
import { convertBedrockUsage } from './convert-bedrock-usage.js';
import {
  AwsEventStreamDecoder,
  AwsEventStreamError,
  type EventStreamMessage,
} from './decode-aws-eventstream.js';
import { mapBedrockFinishReason } from './map-bedrock-finish-reason.js';

type Delta = ChatCompletionChunkChoice['delta'];

/**
 * ConverseStream (binary eventstream, reference §4.10) → OpenAI chunks. Events:
 * messageStart → contentBlockStart (tool calls only) → contentBlockDelta (text, partial tool
 * input JSON, reasoning) → contentBlockStop → messageStop {stopReason} → metadata {usage}.
 * `exception` frames become the UpstreamError of that type. The stream is complete only after
 * both messageStop and metadata (reference §5); `finish` throws `upstream_stream_truncated`
 * otherwise, so a cut stream never looks like a clean one.
 */
export function createBedrockStreamConverter(
  target: UpstreamTarget,
  options: StreamOptions,
): StreamConverter {
  return new BedrockStreamConverter(target, options);
}

class BedrockStreamConverter implements StreamConverter {
  private readonly decoder = new AwsEventStreamDecoder();
  private readonly utf8 = new TextDecoder();
  /** contentBlockIndex → position in OpenAI's tool_calls array. */
  private readonly toolIndexes = new Map<number, number>();
  private started = false;
  private sawMessageStop = false;
  private sawMetadata = false;
  private lastUsage: BedrockUsage | undefined;

  constructor(
    private readonly target: UpstreamTarget,
    private readonly options: StreamOptions,
  ) {}

  get usage(): NormalizedUsage {
    return convertBedrockUsage(this.lastUsage);
  }

  /** Converse never names the model in the stream. */
  get servedModel(): string | undefined {
    return undefined;
  }

  push(bytes: Uint8Array): ChatCompletionChunk[] {
    let messages: EventStreamMessage[];
    try {
      messages = this.decoder.push(bytes);
    } catch (error) {
      if (error instanceof AwsEventStreamError) throw bedrockMalformedResponseError(error.message);
      throw error;
    }
    return messages.flatMap((message) => this.convertMessage(message));
  }

  finish(): ChatCompletionChunk[] {
    if (this.decoder.bufferedBytes > 0)
      throw bedrockStreamTruncatedError('in the middle of a frame');
    if (!this.sawMessageStop) throw bedrockStreamTruncatedError('before messageStop');
    if (!this.sawMetadata) throw bedrockStreamTruncatedError('before the metadata event');
    return [];
  }

  private convertMessage(message: EventStreamMessage): ChatCompletionChunk[] {
    const messageType = message.headers[':message-type'];
    const payload = this.utf8.decode(message.payload);
    if (messageType === 'exception') {
      throw mapBedrockStreamException(
        String(message.headers[':exception-type'] ?? 'internalServerException'),
        payload,
      );
    }
    if (messageType === 'error') {
      // Framing-level errors carry their details in headers instead of the payload.
      const errorMessage = String(message.headers[':error-message'] ?? 'stream error');
      throw mapBedrockStreamException(
        String(message.headers[':error-code'] ?? 'internalServerException'),
        JSON.stringify({ message: errorMessage }),
      );
    }
    if (messageType !== 'event') return [];
    return this.convertEvent(String(message.headers[':event-type'] ?? ''), payload);
  }

  private convertEvent(eventType: string, payload: string): ChatCompletionChunk[] {
    switch (eventType) {
      case 'messageStart':
        parse(events.messageStart, 'messageStart', payload);
        return [this.deltaChunk({})];
      case 'contentBlockStart': {
        const event = parse(events.contentBlockStart, 'contentBlockStart', payload);
        const toolUse = event.start?.toolUse;
        if (!toolUse) return [];
        const index = this.toolIndexes.size;
        this.toolIndexes.set(event.contentBlockIndex, index);
        return [
          this.deltaChunk({
            tool_calls: [
              {
                index,
                id: toolUse.toolUseId,
                type: 'function',
                function: { name: toolUse.name, arguments: '' },
              },
            ],
          }),
        ];
      }
      case 'contentBlockDelta': {
        const { contentBlockIndex, delta } = parse(
          events.contentBlockDelta,
          'contentBlockDelta',
          payload,
        );
        if (delta.text !== undefined && delta.text !== '')
          return [this.deltaChunk({ content: delta.text })];
        if (delta.toolUse) {
          const index = this.toolIndexes.get(contentBlockIndex);
          if (index === undefined)
            throw bedrockMalformedResponseError('tool input for a block that never started');
          return [
            this.deltaChunk({
              tool_calls: [{ index, function: { arguments: delta.toolUse.input } }],
            }),
          ];
        }
        // Signatures and redacted reasoning have no OpenAI field; only readable text is forwarded.
        const reasoning = delta.reasoningContent?.text;
        return reasoning ? [this.deltaChunk({ reasoning_content: reasoning })] : [];
      }
      case 'messageStop': {
        const { stopReason } = parse(events.messageStop, 'messageStop', payload);
        this.sawMessageStop = true;
        return [
          this.chunk([{ index: 0, delta: {}, finish_reason: mapBedrockFinishReason(stopReason) }]),
        ];
      }
      case 'metadata': {
        const { usage } = parse(events.metadata, 'metadata', payload);
        this.lastUsage = usage ?? this.lastUsage;
        this.sawMetadata = true;
        return [{ ...this.chunk([]), usage: toOpenAiUsage(this.usage) }];
      }
      default:
        // contentBlockStop and event types added later carry nothing for OpenAI clients.
        return [];
    }
  }

  /** A content chunk; the very first one also carries the assistant role. */
  private deltaChunk(delta: Delta): ChatCompletionChunk {
    const withRole: Delta = this.started ? delta : { role: 'assistant', content: '', ...delta };
    this.started = true;
    return this.chunk([{ index: 0, delta: withRole, finish_reason: null }]);
  }

  private chunk(choices: ChatCompletionChunkChoice[]): ChatCompletionChunk {
    return {
      id: this.options.responseId,
      object: 'chat.completion.chunk',
      created: this.options.created,
      model: this.target.model,
      choices,
    };
  }
}

function parse<T>(schema: z.ZodType<T>, eventType: string, payload: string): T {
  let json: unknown;
  try {
    json = JSON.parse(payload);
  } catch {
    throw bedrockMalformedResponseError(`${eventType} payload is not JSON`);
  }
  const result = schema.safeParse(json);
  if (!result.success)
    throw bedrockMalformedResponseError(`${eventType}: ${result.error.issues[0]?.message}`);
  return result.data;
}
