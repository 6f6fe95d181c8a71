import type { RequestContext } from '../chat/request-context.js';

declare module 'fastify' {
  interface FastifyRequest {
    /** `performance.now()` at arrival, for the overhead and latency figures. */
    startedAt: number;
    /** Set once the caller is authenticated, so errors and usage can name the tenant. */
    gatewayContext: RequestContext | undefined;
  }
}
