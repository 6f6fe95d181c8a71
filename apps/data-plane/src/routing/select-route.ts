import { GatewayError } from '@switchyard/errors';
import {
  evaluateRoutingPolicy,
  extractRequestFeatures,
  type RoutableChatRequest,
  type RoutingDecision,
} from '@switchyard/policy';
import type { GatewayDeps } from '../chat/gateway-deps.js';
import type { RequestContext } from '../chat/request-context.js';
import type { CompiledDeployment } from '../snapshot/compiled-snapshot.js';
import { wasDowngraded } from '../limits/admit-request.js';
import {
  governanceFinding,
  modelAllowlistFinding,
  summarizeExclusion,
} from './select-candidates.js';

const noHeaders: Readonly<Record<string, string | undefined>> = {};

/**
 * Evaluates the tenant's routing policy for one chat request without side effects: features
 * from the body and caller, governance (scope, allowlists, residency) as the first filter, live
 * breaker state and measures from memory. Used by serving and by the explain endpoint alike, so
 * an explanation is exactly what serving would do.
 */
export function evaluateRoute(
  deps: GatewayDeps,
  context: RequestContext,
  request: RoutableChatRequest,
): RoutingDecision<CompiledDeployment> {
  const resolved = context.resolved!;
  const { caller } = context;
  const pinned = resolved.model;
  const fallbacks = resolved.fallbacks;
  const features = extractRequestFeatures(request, {
    keyId: caller.key.id,
    endUser: context.endUser,
    tags: context.tags,
    headers: context.headers ?? noHeaders,
    resolvedModelIds: [pinned.id, pinned.canonicalId],
  });
  const nowMs = deps.now();
  const { health, concurrency } = deps;
  return evaluateRoutingPolicy({
    features,
    // A budget downgrade names the model to serve; the tenant's rules would route it elsewhere.
    policy: wasDowngraded(context) ? undefined : caller.tenant.routingPolicy,
    defaultModels: fallbacks.length === 0 ? [pinned] : [pinned, ...fallbacks],
    // The tenant's own catalog: shared deployments and its own, never another tenant's.
    catalog: caller.tenant.catalog,
    nowMs,
    random: deps.random ?? Math.random,
    checks: {
      // The pinned model and the alias's fallbacks already passed the model allowlists in
      // resolveModel (by requested name or id); any other model a rule names must pass on its own.
      governance: (candidate) =>
        governanceFinding(candidate, caller) ??
        (candidate.model === pinned || fallbacks.includes(candidate.model)
          ? undefined
          : modelAllowlistFinding(candidate.model, caller)),
      health: health
        ? (candidate) =>
            health.view(
              candidate.id,
              nowMs,
              concurrency
                ? concurrency.inFlight(candidate.id) + concurrency.queued(candidate.id)
                : 0,
            )
        : undefined,
    },
  });
}

/**
 * Picks the route for a request and records it on the context (rule name, strategy); throws the
 * evaluator's failure as an error that lists which setting excluded which target.
 */
export function selectRoute(
  deps: GatewayDeps,
  context: RequestContext,
  request: RoutableChatRequest,
): CompiledDeployment[] {
  const decision = evaluateRoute(deps, context, request);
  context.routeRule = decision.routeName;
  context.route = { strategy: decision.strategy, allowLargerContext: decision.allowLargerContext };
  if (decision.failure) throw routingError(decision);
  return decision.candidates;
}

/** The evaluator's failure as a GatewayError (status and fault side decided by the evaluator). */
export function routingError(decision: RoutingDecision<CompiledDeployment>): GatewayError {
  const failure = decision.failure!;
  return new GatewayError(failure.message, {
    code: failure.code,
    status: failure.status,
    fault: failure.fault,
    param: failure.param,
    retryable: failure.status === 503,
    retryAfterMs: failure.retryAfterMs,
    details: { route: decision.routeName, excluded: decision.excluded.map(summarizeExclusion) },
  });
}
