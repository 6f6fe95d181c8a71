import type { FastifyInstance } from 'fastify';
import { executeEmbeddings } from '../../embeddings/execute-embeddings.js';
import { embeddingsRequestSchema } from '../../embeddings/embeddings-request.js';
import type { GatewayDeps } from '../../chat/gateway-deps.js';
import { createContext } from '../../http/create-context.js';
import { gatewayHeaders } from '../../http/gateway-headers.js';
import { parseBody } from '../../http/parse-body.js';
import { resolveModel } from '../../routing/resolve-model.js';
import { recordOutcome } from '../../usage/record-outcome.js';

/** `POST /v1/embeddings` — OpenAI embeddings to any provider that has them. */
export function registerEmbeddings(app: FastifyInstance, deps: GatewayDeps): void {
  app.post('/v1/embeddings', async (request, reply) => {
    const context = createContext(request, reply, deps, 'embeddings');
    request.gatewayContext = context;
    const body = parseBody(embeddingsRequestSchema, request.body);
    if (body.user) context.endUser ??= body.user;
    context.resolved = resolveModel(body.model, context.caller, context.snapshot);
    const response = await executeEmbeddings(deps, context, body);
    recordOutcome(deps, context, 200, undefined, body.model);
    return reply.headers(gatewayHeaders(context)).send(response);
  });
}
