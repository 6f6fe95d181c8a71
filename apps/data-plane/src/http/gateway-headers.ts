import type { RequestContext } from '../chat/request-context.js';

/**
 * The headers that say what happened: which provider, deployment, model version and region
 * served the request, how many attempts it took and why it failed over, what was dropped, what it
 * cost, and the gateway's own overhead. Returned as a plain object so streaming and non-streaming
 * paths (and both dialects) set exactly the same set.
 */
export function gatewayHeaders(context: RequestContext): Record<string, string> {
  const headers: Record<string, string> = { 'x-request-id': context.requestId };
  const served = context.served;
  if (served) {
    const { candidate } = served;
    headers['x-switchyard-provider'] = candidate.account.providerType;
    headers['x-switchyard-deployment'] = candidate.deployment.name;
    headers['x-switchyard-model'] = served.servedModel;
    headers['x-switchyard-model-id'] = candidate.model.canonicalId;
    const region = candidate.deployment.region ?? candidate.account.region;
    if (region) headers['x-switchyard-region'] = region;
    if (served.dropped.length > 0)
      headers['x-switchyard-dropped-params'] = served.dropped.join(',');
    // A stream's cost is only known at its end: it travels in the final usage chunk instead.
    if (!context.stream) headers['x-switchyard-cost-nano-usd'] = served.costNanoUsd.toString();
    const deprecatedAt = candidate.model.deprecatedAt;
    if (deprecatedAt && Date.parse(deprecatedAt) <= context.receivedAtMs) {
      headers['x-switchyard-warning'] =
        `model ${candidate.model.canonicalId} is deprecated since ${deprecatedAt.slice(0, 10)}`;
    }
  }
  headers['x-switchyard-attempts'] = String(Math.max(1, context.attempts.length));
  addRoutingHeaders(headers, context);
  const overhead = performance.now() - context.startedAt - context.upstreamMs;
  headers['x-switchyard-overhead-ms'] = Math.max(0, overhead).toFixed(2);
  return headers;
}

/**
 * The routing story, also sent with error responses: the route that decided
 * (`x-switchyard-route`: the matched rule's name, or `default`), how it ordered its targets
 * (`x-switchyard-route-strategy`), and one `deployment-id:reason` entry per failed or skipped
 * attempt (`x-switchyard-failover`; reasons are error codes such as `upstream_rate_limited`,
 * `upstream_timeout`, `open_breaker`, `deployment_busy`).
 */
export function addRoutingHeaders(
  headers: Record<string, string>,
  context: RequestContext,
): Record<string, string> {
  let failover = '';
  for (const attempt of context.attempts) {
    if (attempt.code) failover += `${failover ? ',' : ''}${attempt.deploymentId}:${attempt.code}`;
  }
  if (failover) headers['x-switchyard-failover'] = failover;
  if (context.routeRule) headers['x-switchyard-route'] = context.routeRule;
  if (context.route) headers['x-switchyard-route-strategy'] = context.route.strategy;
  return headers;
}
