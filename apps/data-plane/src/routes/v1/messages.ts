import type { FastifyInstance } from 'fastify';
import {
  convertAnthropicRequestToCanonical,
  convertCanonicalResponseToAnthropic,
  parseAnthropicIngressRequest,
} from '@switchyard/providers';
import { executeChat } from '../../chat/execute-chat.js';
import { admitChatRequest } from '../../limits/admit-request.js';
import type { GatewayDeps } from '../../chat/gateway-deps.js';
import { openChatStream } from '../../chat/open-chat-stream.js';
import { createContext } from '../../http/create-context.js';
import { gatewayHeaders } from '../../http/gateway-headers.js';
import { resolveModel } from '../../routing/resolve-model.js';
import { SseWriter } from '../../streaming/sse-writer.js';
import { writeAnthropicStream } from '../../streaming/write-anthropic-stream.js';
import { recordOutcome } from '../../usage/record-outcome.js';

/**
 * `POST /v1/messages` — the Anthropic Messages API as ingress, so the Anthropic SDK and tools
 * built on it (ANTHROPIC_BASE_URL) reach any provider: the request is converted to the canonical
 * form, served by the same pipeline as chat completions, and converted back.
 */
export function registerMessages(app: FastifyInstance, deps: GatewayDeps): void {
  app.post('/v1/messages', async (request, reply) => {
    const context = createContext(request, reply, deps, 'messages');
    request.gatewayContext = context;
    const anthropicRequest = parseAnthropicIngressRequest(request.body);
    const body = convertAnthropicRequestToCanonical(anthropicRequest);
    if (body.user) context.endUser ??= body.user;
    context.resolved = resolveModel(body.model, context.caller, context.snapshot);
    context.stream = body.stream === true;
    const limitHeaders = await admitChatRequest(deps, context, body);

    if (!context.stream) {
      const response = await executeChat(deps, context, body);
      recordOutcome(deps, context, 200, undefined, body.model);
      return reply.headers(limitHeaders).headers(gatewayHeaders(context)).send(convertCanonicalResponseToAnthropic(response));
    }

    const opened = await openChatStream(deps, context, body);
    reply.hijack();
    const writer = new SseWriter(reply.raw);
    writer.start(200, { ...limitHeaders, ...gatewayHeaders(context) });
    const failure = await writeAnthropicStream(writer, context, opened);
    recordOutcome(deps, context, 200, failure, body.model);
    return reply;
  });
}
