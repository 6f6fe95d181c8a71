import type { FastifyInstance } from 'fastify';
import { InvalidRequestError } from '@switchyard/errors';
import type { CompletionsRequest } from '@switchyard/providers';
import type { GatewayDeps } from '../../chat/gateway-deps.js';
import { completionsRequestSchema } from '../../completions/completions-request.js';
import { executeCompletions } from '../../completions/execute-completions.js';
import { createContext } from '../../http/create-context.js';
import { gatewayHeaders } from '../../http/gateway-headers.js';
import { parseBody } from '../../http/parse-body.js';
import { resolveModel } from '../../routing/resolve-model.js';
import { recordOutcome } from '../../usage/record-outcome.js';

/** `POST /v1/completions` — legacy text completions for providers that still offer them. */
export function registerCompletions(app: FastifyInstance, deps: GatewayDeps): void {
  app.post('/v1/completions', async (request, reply) => {
    const context = createContext(request, reply, deps, 'completions');
    request.gatewayContext = context;
    const body = parseBody(completionsRequestSchema, request.body) as CompletionsRequest;
    if (body.stream) {
      throw new InvalidRequestError(
        'Streaming is not offered on the legacy /v1/completions endpoint; use /v1/chat/completions with stream: true.',
        { code: 'unsupported_parameter', param: 'stream' },
      );
    }
    context.resolved = resolveModel(body.model, context.caller, context.snapshot);
    const response = await executeCompletions(deps, context, body);
    recordOutcome(deps, context, 200, undefined, body.model);
    return reply.headers(gatewayHeaders(context)).send(response);
  });
}
