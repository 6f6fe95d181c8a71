import type { FastifyInstance } from 'fastify';
import { chatCompletionRequestSchema } from '@switchyard/providers';
import { executeChat } from '../../chat/execute-chat.js';
import { admitChatRequest } from '../../limits/admit-request.js';
import type { GatewayDeps } from '../../chat/gateway-deps.js';
import { openChatStream } from '../../chat/open-chat-stream.js';
import { createContext } from '../../http/create-context.js';
import { gatewayHeaders } from '../../http/gateway-headers.js';
import { parseBody } from '../../http/parse-body.js';
import { resolveModel } from '../../routing/resolve-model.js';
import { SseWriter } from '../../streaming/sse-writer.js';
import { writeOpenAiStream } from '../../streaming/write-openai-stream.js';
import { recordOutcome } from '../../usage/record-outcome.js';

/** `POST /v1/chat/completions` — OpenAI Chat Completions, streaming and not, to any provider. */
export function registerChatCompletions(app: FastifyInstance, deps: GatewayDeps): void {
  app.post('/v1/chat/completions', async (request, reply) => {
    const context = createContext(request, reply, deps, 'chat');
    request.gatewayContext = context;
    const body = parseBody(chatCompletionRequestSchema, request.body);
    if (body.user) context.endUser ??= body.user;
    context.resolved = resolveModel(body.model, context.caller, context.snapshot);
    context.stream = body.stream === true;
    const limitHeaders = await admitChatRequest(deps, context, body);

    if (!context.stream) {
      const response = await executeChat(deps, context, body);
      recordOutcome(deps, context, 200, undefined, body.model);
      return reply.headers(limitHeaders).headers(gatewayHeaders(context)).send(response);
    }

    const opened = await openChatStream(deps, context, body);
    reply.hijack();
    const writer = new SseWriter(reply.raw);
    writer.start(200, { ...limitHeaders, ...gatewayHeaders(context) });
    const failure = await writeOpenAiStream(writer, context, opened, body.stream_options?.include_usage === true);
    recordOutcome(deps, context, 200, failure, body.model);
    return reply;
  });
}
