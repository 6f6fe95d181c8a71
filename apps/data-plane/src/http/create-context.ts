import { randomUUID } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { GatewayError } from '@switchyard/errors';
import { failoverSchema, type Failover } from '@switchyard/policy';
import type { GatewayDeps } from '../chat/gateway-deps.js';
import type { RequestContext } from '../chat/request-context.js';
import { authenticate } from '../plugins/authenticate.js';
import { RequestAbort } from './request-abort.js';
import { startRequestSpan } from '../telemetry/request-tracing.js';

const defaultFailover: Failover = failoverSchema.parse({});

/** Authenticates the caller and starts the request's context; throws 401/503 errors. */
export function createContext(
  request: FastifyRequest,
  reply: FastifyReply,
  deps: GatewayDeps,
  endpoint: RequestContext['endpoint'],
): RequestContext {
  const snapshot = deps.snapshots.current;
  if (!snapshot) {
    throw new GatewayError('The gateway has no policy snapshot yet; try again shortly.', {
      code: 'snapshot_unavailable',
      status: 503,
      fault: 'gateway',
      retryable: true,
      retryAfterMs: 1000,
    });
  }
  const receivedAtMs = deps.now();
  deps.authFailures?.check(request.ip, receivedAtMs);
  let caller;
  try {
    caller = authenticate(request.headers, snapshot, receivedAtMs);
  } catch (error) {
    deps.authFailures?.recordFailure(request.ip, receivedAtMs);
    throw error;
  }
  const abort = new RequestAbort();
  // Client gone before we answered: stop the upstream call so the provider stops billing.
  // `close` fires once per response, so `on` (no once-wrapper allocated) is enough.
  reply.raw.on('close', () => {
    if (!reply.raw.writableFinished) abort.abort(new Error('client disconnected'));
  });
  const context: RequestContext = {
    requestId: request.id,
    startedAt: request.startedAt,
    receivedAtMs,
    endpoint,
    snapshot,
    caller,
    failover: caller.tenant.tenant.routingPolicy?.failover ?? defaultFailover,
    stream: false,
    headers: request.headers,
    endUser: headerValue(request.headers['x-switchyard-user']),
    tags: parseTags(headerValue(request.headers['x-switchyard-tags'])),
    routeRule: undefined,
    attempts: [],
    upstreamMs: 0,
    ttftMs: undefined,
    abort,
  };
  startRequestSpan(deps.tracing, context, request.headers, endpoint);
  return context;
}

/**
 * Every request gets a fresh id: it is the worker's idempotency key, so a caller reusing its own
 * id must never make two requests count once. The caller's `x-request-id` is echoed back as
 * `x-client-request-id` instead (as OpenAI does).
 */
export function requestIdFor(): string {
  return randomUUID();
}

/** The caller's own request id, if it sent a sane one, to echo back. */
export function clientRequestId(
  headers: Readonly<Record<string, string | string[] | undefined>>,
): string | undefined {
  const given = headers['x-request-id'] ?? headers['x-client-request-id'];
  return typeof given === 'string' && /^[A-Za-z0-9._:-]{1,128}$/.test(given) ? given : undefined;
}

function headerValue(value: string | string[] | undefined): string | undefined {
  return typeof value === 'string' && value.length > 0 ? value.slice(0, 500) : undefined;
}

/** `x-switchyard-tags: team:search, feature:autocomplete` → ['team:search', 'feature:autocomplete']. */
function parseTags(value: string | undefined): string[] {
  if (!value) return [];
  return value
    .split(',')
    .map((tag) => tag.trim())
    .filter((tag) => tag.length > 0 && tag.length <= 200)
    .slice(0, 20);
}
