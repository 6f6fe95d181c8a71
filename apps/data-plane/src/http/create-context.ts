import { randomUUID } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { GatewayError } from '@switchyard/errors';
import { failoverSchema, type Failover } from '@switchyard/policy';
import type { GatewayDeps } from '../chat/gateway-deps.js';
import type { RequestContext } from '../chat/request-context.js';
import { authenticate } from '../plugins/authenticate.js';
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
  const abort = new AbortController();
  // Client gone before we answered: stop the upstream call so the provider stops billing.
  reply.raw.once('close', () => {
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

/** Generates request ids: the caller's `x-request-id` if sane, else a UUID. */
export function requestIdFor(
  headers: Readonly<Record<string, string | string[] | undefined>>,
): string {
  const given = headers['x-request-id'];
  if (typeof given === 'string' && /^[A-Za-z0-9._:-]{8,128}$/.test(given)) return given;
  return randomUUID();
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
