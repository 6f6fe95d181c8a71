import Fastify, { type FastifyInstance } from 'fastify';
import { NotFoundError } from '@switchyard/errors';
import { formatAnthropicError } from '@switchyard/providers';
import type { GatewayDeps } from './chat/gateway-deps.js';
import './http/fastify-augment.js';
import { clientRequestId, requestIdFor } from './http/create-context.js';
import { formatOpenAiError } from './http/format-openai-error.js';
import { normalizeError } from './http/normalize-error.js';
import { enforceBodyDeadline } from './http/body-deadline.js';
import { addRoutingHeaders } from './http/gateway-headers.js';
import { registerHealthRoutes, type ReadinessCheck } from './routes/health.js';
import { registerHealthStatus } from './routes/health-status.js';
import { registerChatCompletions } from './routes/v1/chat-completions.js';
import { registerCompletions } from './routes/v1/completions.js';
import { registerEmbeddings } from './routes/v1/embeddings.js';
import { registerExplain } from './routes/v1/explain.js';
import { registerMessages } from './routes/v1/messages.js';
import { registerModels } from './routes/v1/models.js';
import { recordOutcome } from './usage/record-outcome.js';

export interface BuildAppOptions {
  deps: GatewayDeps;
  bodyLimitBytes: number;
  maxHeaderBytes?: number;
  /** Time allowed to receive a whole request; responses (streams) are not limited by it. */
  requestTimeoutMs?: number;
  /** Extra readiness checks (e.g. Redis ping) on top of "a snapshot is loaded". */
  readinessChecks?: ReadinessCheck[];
}

/** Builds the data-plane HTTP app; tests use it with inject() or on a real port. */
export async function buildApp(options: BuildAppOptions): Promise<FastifyInstance> {
  const { deps } = options;
  const app = Fastify({
    logger: false,
    bodyLimit: options.bodyLimitBytes,
    http: { maxHeaderSize: options.maxHeaderBytes ?? 32 * 1024 },
    genReqId: () => requestIdFor(),
    requestIdHeader: false,
    routerOptions: { maxParamLength: 200 },
    // Slowloris-style clients must not hold sockets forever.
    requestTimeout: options.requestTimeoutMs ?? 30_000,
    connectionTimeout: 0,
    keepAliveTimeout: 65_000,
    return503OnClosing: true,
    // On shutdown, idle keep-alive sockets close at once; in-flight requests get a grace period.
    forceCloseConnections: 'idle',
  });

  app.decorateRequest('startedAt', 0);
  app.decorateRequest('gatewayContext', undefined);
  const watchBody = enforceBodyDeadline(app, options.requestTimeoutMs ?? 30_000);
  app.addHook('onRequest', (request, reply, done) => {
    request.startedAt = performance.now();
    watchBody(request.raw, request.startedAt);
    const clientId = clientRequestId(request.headers);
    if (clientId) reply.raw.setHeader('x-client-request-id', clientId);
    done();
  });

  app.setErrorHandler((error, request, reply) => {
    const gatewayError = normalizeError(error);
    if (gatewayError.status >= 500 && gatewayError.code === 'gateway_internal_error') {
      deps.logger.error({ err: error, requestId: request.id }, 'unhandled error');
    }
    const context = request.gatewayContext;
    if (context)
      recordOutcome(deps, context, gatewayError.status, gatewayError, modelOf(request.body));
    reply.header('x-request-id', request.id);
    if (context) reply.header('x-switchyard-attempts', String(context.attempts.length));
    if (context) reply.headers(addRoutingHeaders({}, context));
    if (gatewayError.headers) reply.headers(gatewayError.headers);
    // Errors speak the caller's dialect: Anthropic JSON on /v1/messages, OpenAI JSON elsewhere.
    if (request.url.startsWith('/v1/messages')) {
      const formatted = formatAnthropicError(gatewayError);
      return reply.status(formatted.status).headers(formatted.headers).send(formatted.body);
    }
    const formatted = formatOpenAiError(gatewayError);
    if (formatted.retryAfterSeconds !== undefined)
      reply.header('retry-after', String(formatted.retryAfterSeconds));
    return reply.status(formatted.status).send(formatted.body);
  });

  app.setNotFoundHandler((request, reply) => {
    const formatted = formatOpenAiError(
      new NotFoundError(
        `No route for ${request.method} ${request.url.split('?')[0]}.`,
        'unknown_route',
      ),
    );
    return reply.status(404).header('x-request-id', request.id).send(formatted.body);
  });

  registerHealthRoutes(app, deps, options.readinessChecks ?? []);
  registerChatCompletions(app, deps);
  registerModels(app, deps);
  registerMessages(app, deps);
  registerEmbeddings(app, deps);
  registerCompletions(app, deps);
  registerExplain(app, deps);
  registerHealthStatus(app, deps);
  return app;
}

function modelOf(body: unknown): string {
  if (body && typeof body === 'object' && 'model' in body && typeof body.model === 'string')
    return body.model;
  return '';
}
