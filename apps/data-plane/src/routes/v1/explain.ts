import type { FastifyInstance } from 'fastify';
import type { RankedCandidate, RoutingDecision } from '@switchyard/policy';
import { chatCompletionRequestSchema } from '@switchyard/providers';
import type { GatewayDeps } from '../../chat/gateway-deps.js';
import { createContext } from '../../http/create-context.js';
import { parseBody } from '../../http/parse-body.js';
import { resolveModel } from '../../routing/resolve-model.js';
import { summarizeExclusion } from '../../routing/select-candidates.js';
import { evaluateRoute, routingError } from '../../routing/select-route.js';
import type { CompiledDeployment } from '../../snapshot/compiled-snapshot.js';

/**
 * `POST /v1/switchyard/explain` — a dry run: for a chat request body and the caller's key,
 * which route the gateway would take and why, without calling any provider or reserving any
 * budget. Lists the rule that matched, every candidate deployment in the order it would be
 * tried (with the live measures the strategy weighed) and every dropped one with its reason,
 * the setting that decided, and whose side that is (caller, policy, provider, gateway).
 * The same evaluation serves real requests, so the answer is what serving would do right now.
 */
export function registerExplain(app: FastifyInstance, deps: GatewayDeps): void {
  app.post('/v1/switchyard/explain', async (request, reply) => {
    // Not attached to request.gatewayContext: a dry run emits no usage event, even on error.
    const context = createContext(request, reply, deps, 'chat');
    const body = parseBody(chatCompletionRequestSchema, request.body);
    if (body.user) context.endUser ??= body.user;
    context.resolved = resolveModel(body.model, context.caller, context.snapshot);
    context.stream = body.stream === true;
    const decision = evaluateRoute(deps, context, body);
    const resolved = context.resolved;
    const failover = context.failover;
    return reply.header('x-request-id', context.requestId).send({
      object: 'switchyard.route_explanation',
      model: {
        requested: resolved.requested,
        alias: resolved.alias ?? null,
        resolved: resolved.model.canonicalId,
        model_id: resolved.model.id,
        deprecated_at: resolved.model.deprecatedAt ?? null,
        alias_fallbacks: resolved.fallbacks.map((model) => model.canonicalId),
      },
      request_features: featuresOf(decision),
      route: {
        name: decision.routeName,
        rule_index: decision.rule?.index ?? null,
        strategy: decision.strategy,
        allow_larger_context: decision.allowLargerContext,
      },
      failover: {
        max_attempts: failover.maxAttempts,
        retries_per_target: failover.retriesPerTarget,
        retry_on: failover.retryOn,
        deadline_ms: failover.deadlineMs,
      },
      candidates: decision.ranked.map((entry, index) =>
        describeCandidate(entry, index, failover.maxAttempts),
      ),
      excluded: decision.excluded.map(summarizeExclusion),
      error: decision.failure ? errorOf(decision) : null,
    });
  });
}

function featuresOf(decision: RoutingDecision<CompiledDeployment>) {
  const features = decision.features;
  return {
    estimated_prompt_tokens: features.promptTokens,
    max_output_tokens: features.maxOutputTokens ?? null,
    tools: features.tools,
    images: features.images,
    audio: features.audio,
    documents: features.documents,
    json_output: features.jsonOutput ?? null,
    streaming: features.streaming,
    tags: Object.fromEntries(features.tags),
    end_user: features.endUser ?? null,
  };
}

function describeCandidate(
  entry: RankedCandidate<CompiledDeployment>,
  index: number,
  maxAttempts: number,
) {
  const { candidate, health } = entry;
  return {
    rank: index + 1,
    // Without retries each target takes one attempt, so the first maxAttempts are reachable.
    within_max_attempts: index < maxAttempts,
    deployment_id: candidate.id,
    deployment: candidate.name,
    provider: candidate.provider,
    model: candidate.model.canonicalId,
    region: candidate.region ?? null,
    weight: entry.weight,
    score: Number.isFinite(entry.score) ? entry.score : null,
    max_concurrency: candidate.maxConcurrency ?? null,
    health: health
      ? {
          latency_ms: health.latencyMs ?? null,
          ttft_ms: health.ttftMs ?? null,
          error_rate: health.errorRate,
          in_flight: health.inFlight,
        }
      : null,
  };
}

function errorOf(decision: RoutingDecision<CompiledDeployment>) {
  const error = routingError(decision);
  return {
    status: error.status,
    code: error.code,
    fault: error.fault,
    param: error.param ?? null,
    message: error.message,
  };
}
