import type { FastifyInstance } from 'fastify';
import {
  convertAnthropicRequestToCanonical,
  convertCanonicalResponseToAnthropic,
  parseAnthropicIngressRequest,
} from '@switchyard/providers';
import type { GatewayDeps } from '../../chat/gateway-deps.js';
import { serveChat, type ChatDialect } from '../../chat/serve-chat.js';
import { createContext } from '../../http/create-context.js';
import { resolveModel } from '../../routing/resolve-model.js';
import { writeAnthropicStream } from '../../streaming/write-anthropic-stream.js';

const anthropicDialect: ChatDialect = {
  encodeResponse: convertCanonicalResponseToAnthropic,
  speaksCanonical: false,
  writeStream: writeAnthropicStream,
};

/**
 * `POST /v1/messages` — the Anthropic Messages API as ingress, so the Anthropic SDK and tools
 * built on it (ANTHROPIC_BASE_URL) reach any provider: the request is converted to the canonical
 * form, served by the same pipeline as chat completions, and converted back.
 */
export function registerMessages(app: FastifyInstance, deps: GatewayDeps): void {
  app.post('/v1/messages', async (request, reply) => {
    const context = createContext(request, reply, deps, 'messages');
    request.gatewayContext = context;
    const body = convertAnthropicRequestToCanonical(parseAnthropicIngressRequest(request.body));
    if (body.user) context.endUser ??= body.user;
    context.resolved = resolveModel(body.model, context.caller, context.snapshot);
    return serveChat(deps, request, reply, context, body, anthropicDialect);
  });
}
