import type { FastifyInstance } from 'fastify';
import { chatCompletionRequestSchema, readPlainChatRequest } from '@switchyard/providers';
import type { GatewayDeps } from '../../chat/gateway-deps.js';
import { serveChat, type ChatDialect } from '../../chat/serve-chat.js';
import { createContext } from '../../http/create-context.js';
import { parseBody } from '../../http/parse-body.js';
import { resolveModel } from '../../routing/resolve-model.js';
import { writeOpenAiStream } from '../../streaming/write-openai-stream.js';

/** `POST /v1/chat/completions` — OpenAI Chat Completions, streaming and not, to any provider. */
export function registerChatCompletions(app: FastifyInstance, deps: GatewayDeps): void {
  const openAiDialect: ChatDialect = {
    encodeResponse: (response) => response,
    speaksCanonical: true,
    writeStream: (writer, context, opened, collect) =>
      writeOpenAiStream(writer, context, opened, includeUsage.get(context) === true, collect),
  };
  const includeUsage = new WeakMap<object, boolean>();

  app.post('/v1/chat/completions', async (request, reply) => {
    const context = createContext(request, reply, deps, 'chat');
    request.gatewayContext = context;
    // Plain text chats (most traffic) skip the full schema; see readPlainChatRequest.
    const body =
      readPlainChatRequest(request.body) ?? parseBody(chatCompletionRequestSchema, request.body);
    if (body.user) context.endUser ??= body.user;
    context.resolved = resolveModel(body.model, context.caller, context.snapshot);
    includeUsage.set(context, body.stream_options?.include_usage === true);
    return serveChat(deps, request, reply, context, body, openAiDialect);
  });
}
