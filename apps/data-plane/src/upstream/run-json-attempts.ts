import type {
  MappedRequest,
  MapRequestOptions,
  ProviderAdapter,
  UpstreamTarget,
} from '@switchyard/providers';
import { buildTarget } from '../chat/build-target.js';
import type { GatewayDeps } from '../chat/gateway-deps.js';
import type { RequestContext } from '../chat/request-context.js';
import { failoverOptions } from '../routing/failover-options.js';
import { runWithFailover, type FailoverOutcome } from '../routing/run-with-failover.js';
import type { CompiledDeployment } from '../snapshot/compiled-snapshot.js';
import { withTraceHeaders } from '../telemetry/request-tracing.js';
import { sendJsonRequest } from './send-json-request.js';

/**
 * Runs a non-streaming JSON endpoint (embeddings, legacy completions) over the candidates with
 * the same failover, tracing and timeouts as chat: `map` builds each attempt's request, the
 * parsed provider body comes back with the parameters the policy dropped.
 */
export function runJsonAttempts(
  deps: GatewayDeps,
  context: RequestContext,
  candidates: readonly CompiledDeployment[],
  map: (
    adapter: ProviderAdapter,
    target: UpstreamTarget,
    options: MapRequestOptions,
  ) => MappedRequest,
): Promise<FailoverOutcome<{ json: unknown; target: UpstreamTarget; dropped: string[] }>> {
  const unsupported = context.caller.tenant.tenant.unsupportedParameters;
  return runWithFailover(
    candidates,
    failoverOptions(deps, context),
    async ({ candidate, keyIndex, remainingMs, traceHeaders }) => {
      const adapter = candidate.adapter;
      const target = buildTarget(candidate, keyIndex);
      const mapped = map(adapter, target, { unsupported, now: new Date(deps.now()) });
      const json = await sendJsonRequest(
        deps.upstream,
        adapter,
        withTraceHeaders(mapped.http, adapter, traceHeaders),
        context,
        context.failover,
        remainingMs,
      );
      return { json, target, dropped: mapped.dropped };
    },
  );
}
