import type { FastifyInstance } from 'fastify';
import type { GatewayDeps } from '../chat/gateway-deps.js';
import { buildHealthReport } from '../health/build-health-report.js';
import { ConcurrencyLimiter } from '../health/concurrency-limiter.js';
import { HealthRegistry } from '../health/health-registry.js';
import { createContext } from '../http/create-context.js';
import { governanceFinding } from '../routing/select-candidates.js';
import type { CompiledDeployment } from '../snapshot/compiled-snapshot.js';

/**
 * `GET /v1/switchyard/health` — this replica's live view of the deployments the caller's key
 * may use (tenant scope, provider lists and residency applied): breaker state, moving latency,
 * TTFT and error rate, requests in flight and queued. Authenticated with a gateway key; other
 * tenants' private deployments are never listed. Read from memory, no Redis.
 */
export function registerHealthStatus(app: FastifyInstance, deps: GatewayDeps): void {
  // Without live tracking the endpoint still answers (every breaker closed, nothing measured).
  const sources = {
    health: deps.health ?? new HealthRegistry(),
    concurrency: deps.concurrency ?? new ConcurrencyLimiter(),
  };
  app.get('/v1/switchyard/health', async (request, reply) => {
    const context = createContext(request, reply, deps, 'chat');
    const usable: CompiledDeployment[] = [];
    for (const deployment of context.snapshot.deployments.values()) {
      if (!governanceFinding(deployment, context.caller)) usable.push(deployment);
    }
    const report = buildHealthReport(
      context.snapshot,
      usable,
      sources,
      deps.instanceId ?? 'local',
      deps.now(),
    );
    return reply
      .header('x-request-id', context.requestId)
      .header('cache-control', 'no-store')
      .send(report);
  });
}
