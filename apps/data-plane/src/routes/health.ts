import type { FastifyInstance } from 'fastify';
import type { GatewayDeps } from '../chat/gateway-deps.js';

/** A named dependency check for /readyz; resolves when the dependency is reachable. */
export interface ReadinessCheck {
  name: string;
  check: () => Promise<void>;
}

/** `/healthz` says the process is alive; `/readyz` that it can serve (snapshot + dependencies). */
export function registerHealthRoutes(
  app: FastifyInstance,
  deps: GatewayDeps,
  checks: readonly ReadinessCheck[],
): void {
  app.get('/healthz', async () => ({ status: 'ok' }));
  app.get('/metrics', async (_request, reply) => {
    if (!deps.metrics)
      return reply.status(404).send({
        error: {
          message: 'metrics are disabled',
          type: 'not_found_error',
          param: null,
          code: 'metrics_disabled',
        },
      });
    return reply
      .header('content-type', deps.metrics.registry.contentType)
      .send(await deps.metrics.registry.metrics());
  });
  app.get('/readyz', async (_request, reply) => {
    const snapshot = deps.snapshots.current;
    const results: Record<string, string> = {
      snapshot: snapshot ? `version ${snapshot.version}` : 'missing',
    };
    let ready = snapshot !== undefined;
    await Promise.all(
      checks.map(async ({ name, check }) => {
        try {
          await check();
          results[name] = 'ok';
        } catch (error) {
          // Not ready for new traffic, though requests that do arrive are still served from the
          // last good snapshot (see ARCHITECTURE.md); /healthz stays green so nothing restarts us.
          results[name] = `unreachable: ${(error as Error).message}`;
          ready = false;
        }
      }),
    );
    return reply
      .status(ready ? 200 : 503)
      .send({ status: ready ? 'ready' : 'not_ready', checks: results });
  });
}
