import type { FastifyInstance } from 'fastify';
import type { GatewayDeps } from '../../chat/gateway-deps.js';
import { createContext } from '../../http/create-context.js';
import { resolveModel } from '../../routing/resolve-model.js';
import { exclusionReason } from '../../routing/select-candidates.js';

interface ModelEntry {
  id: string;
  object: 'model';
  created: number;
  owned_by: string;
  /** Switchyard extension: what an alias is pinned to. */
  pinned_to?: string;
  deprecated_at?: string;
}

/** `GET /v1/models` — the models and aliases this key may use and that have a usable route. */
export function registerModels(app: FastifyInstance, deps: GatewayDeps): void {
  app.get('/v1/models', async (request, reply) => {
    const context = createContext(request, reply, deps, 'chat');
    const { snapshot, caller } = context;
    const data: ModelEntry[] = [];
    const routable = (modelId: string) =>
      (caller.tenant.deploymentsByModel.get(modelId) ?? []).some(
        (deployment) => !exclusionReason(deployment, caller),
      );
    const names = new Set<string>([...caller.tenant.aliases.keys()]);
    for (const model of snapshot.models.values()) names.add(model.canonicalId);
    for (const name of names) {
      let resolved;
      try {
        resolved = resolveModel(name, caller, snapshot);
      } catch {
        continue;
      }
      if (!routable(resolved.model.id)) continue;
      const created = Math.floor(snapshot.loadedAtMs / 1000);
      data.push({
        id: name,
        object: 'model',
        created,
        owned_by: resolved.model.providerType,
        ...(resolved.alias ? { pinned_to: resolved.model.canonicalId } : {}),
        ...(resolved.model.deprecatedAt ? { deprecated_at: resolved.model.deprecatedAt } : {}),
      });
    }
    data.sort((a, b) => a.id.localeCompare(b.id));
    return reply.header('x-request-id', context.requestId).send({ object: 'list', data });
  });
}
