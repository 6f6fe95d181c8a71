import type { FastifyReply, FastifyRequest } from 'fastify';
import type {
  ChatCompletionChunk,
  ChatCompletionRequest,
  ChatCompletionResponse,
} from '@switchyard/providers';
import { assembleChunks, responseToChunks } from '../cache/chunks-and-responses.js';
import { decideCache, type CacheDecision } from '../cache/cache-decision.js';
import { gatewayHeaders } from '../http/gateway-headers.js';
import { admitChatRequest } from '../limits/admit-request.js';
import { SseWriter } from '../streaming/sse-writer.js';
import { recordOutcome } from '../usage/record-outcome.js';
import { captureCompletion, capturePrompt, wantsPayload } from '../usage/payload-capture.js';
import { executeChat, type ExecutedChat } from './execute-chat.js';
import type { GatewayDeps } from './gateway-deps.js';
import { openChatStream, type OpenedChatStream } from './open-chat-stream.js';
import type { RequestContext } from './request-context.js';

/** How one ingress dialect (OpenAI, Anthropic) encodes answers for its clients. */
export interface ChatDialect {
  encodeResponse(response: ChatCompletionResponse): unknown;
  /** encodeResponse is the identity: a provider's canonical bytes may be sent as they came. */
  speaksCanonical: boolean;
  writeStream(
    writer: SseWriter,
    context: RequestContext,
    opened: OpenedChatStream,
    collect: ChatCompletionChunk[] | undefined,
  ): Promise<unknown>;
}

/**
 * The chat pipeline after parsing, shared by every dialect: admission (budgets, rate limits),
 * response cache, execution with failover (streaming or not), usage and the response headers.
 */
export async function serveChat(
  deps: GatewayDeps,
  request: FastifyRequest,
  reply: FastifyReply,
  context: RequestContext,
  body: ChatCompletionRequest,
  dialect: ChatDialect,
): Promise<FastifyReply> {
  context.stream = body.stream === true;
  capturePrompt(context, body);
  const limitHeaders = await admitChatRequest(deps, context, body);
  const cache = deps.cache
    ? decideCache(context, body, request.headers, deps.cachePrefix ?? '')
    : undefined;
  if (cache) {
    limitHeaders['x-switchyard-cache'] = cache.mode === 'use' ? 'miss' : cache.mode;
    if (cache.mode === 'use') {
      const hit = await deps.cache!.lookup(cache, context);
      deps.metrics?.observeCache(hit ? 'hit' : 'miss');
      if (hit) {
        limitHeaders['x-switchyard-cache'] = 'hit';
        return respond(
          deps,
          reply,
          context,
          body,
          dialect,
          limitHeaders,
          () => Promise.resolve(replay(context, hit.response)),
          () => Promise.resolve({ response: hit.response, raw: undefined }),
        );
      }
    } else {
      deps.metrics?.observeCache(cache.mode);
    }
  }
  return respond(
    deps,
    reply,
    context,
    body,
    dialect,
    limitHeaders,
    () => openChatStream(deps, context, body),
    () => executeChat(deps, context, body),
    cache,
  );
}

async function respond(
  deps: GatewayDeps,
  reply: FastifyReply,
  context: RequestContext,
  body: ChatCompletionRequest,
  dialect: ChatDialect,
  extraHeaders: Record<string, string>,
  openStream: () => Promise<OpenedChatStream>,
  execute: () => Promise<ExecutedChat>,
  cache?: CacheDecision,
): Promise<FastifyReply> {
  if (!context.stream) {
    const { response, raw } = await execute();
    if (cache) deps.cache!.store(cache, context, response);
    captureCompletion(context, response);
    recordOutcome(deps, context, 200, undefined, body.model);
    reply.headers(extraHeaders).headers(gatewayHeaders(context));
    if (raw !== undefined && dialect.speaksCanonical)
      return reply.type('application/json; charset=utf-8').send(raw);
    return reply.send(dialect.encodeResponse(response));
  }
  const opened = await openStream();
  reply.hijack();
  const writer = new SseWriter(reply.raw);
  writer.start(200, { ...extraHeaders, ...gatewayHeaders(context) });
  const collected: ChatCompletionChunk[] | undefined =
    cache || wantsPayload(context) ? [] : undefined;
  const failure = await dialect.writeStream(writer, context, opened, collected);
  const assembled = collected ? assembleChunks(collected) : undefined;
  if (cache && failure === undefined) deps.cache!.store(cache, context, assembled);
  captureCompletion(context, assembled);
  recordOutcome(deps, context, 200, failure, body.model);
  return reply;
}

/** A cache hit presented as an already-open stream, so the dialect writers replay it as is. */
function replay(context: RequestContext, response: ChatCompletionResponse): OpenedChatStream {
  const served = context.served!;
  return {
    candidate: served.candidate,
    dropped: [],
    held: responseToChunks(response, `chatcmpl-${context.requestId}`),
    read: () => Promise.resolve(null),
    settle: () => undefined,
  };
}
