import { UpstreamError } from '@switchyard/errors';
import type {
  ChatCompletionRequest,
  ChatCompletionResponse,
  MappedResponse,
} from '@switchyard/providers';
import { runWithFailover } from '../routing/run-with-failover.js';
import { failoverOptions } from '../routing/failover-options.js';
import { withTraceHeaders } from '../telemetry/request-tracing.js';
import { selectRoute } from '../routing/select-route.js';
import { buildTarget } from './build-target.js';
import { computeRequestCost } from './compute-request-cost.js';
import type { GatewayDeps } from './gateway-deps.js';
import type { RequestContext } from './request-context.js';

/** A finished non-streaming chat: the canonical response, and `raw` when it can be relayed as is. */
export interface ExecutedChat {
  response: ChatCompletionResponse;
  raw: string | undefined;
}

/**
 * Serves a non-streaming chat request: picks the route (policy, governance, capabilities,
 * health), runs attempts with failover, and records what was served on the context. Returns the
 * canonical (OpenAI-shaped) response, and the provider's own bytes when they already are it.
 */
export async function executeChat(
  deps: GatewayDeps,
  context: RequestContext,
  request: ChatCompletionRequest,
): Promise<ExecutedChat> {
  const candidates = selectRoute(deps, context, request);
  const unsupported = context.caller.tenant.tenant.unsupportedParameters;
  const failover = context.failover;

  const outcome = await runWithFailover(
    candidates,
    failoverOptions(deps, context),
    async ({ candidate, keyIndex, remainingMs, traceHeaders }) => {
      const target = buildTarget(candidate, keyIndex);
      const adapter = candidate.adapter;
      const mapped = adapter.mapChatRequest(request, target, {
        unsupported,
        now: new Date(deps.now()),
      });
      const sentAt = performance.now();
      const response = await deps.upstream.send(
        withTraceHeaders(mapped.http, adapter, traceHeaders),
        {
          connectTimeoutMs: failover.connectTimeoutMs,
          headersTimeoutMs: Math.min(failover.totalTimeoutMs, remainingMs),
          bodyTimeoutMs: Math.min(failover.totalTimeoutMs, remainingMs),
        },
        context.abort.signal,
        adapter.displayName,
      );
      let text: string;
      try {
        text = await response.body.text();
      } finally {
        context.upstreamMs += performance.now() - sentAt;
      }
      if (response.statusCode >= 300)
        throw adapter.mapError(response.statusCode, response.headers, text);
      let json: unknown;
      try {
        json = JSON.parse(text);
      } catch (error) {
        throw new UpstreamError(
          `${adapter.displayName}: the provider sent a malformed response body`,
          {
            code: 'upstream_malformed_response',
            status: 502,
            fault: 'provider',
            retryable: true,
            cause: error,
          },
        );
      }
      // OpenAI's own answer is already canonical: relay its bytes rather than rebuild them.
      const native = adapter.readNativeChatResponse?.(json);
      const result: MappedResponse<ChatCompletionResponse> = native
        ? { body: json as ChatCompletionResponse, ...native }
        : adapter.mapChatResponse(json, target);
      return { result, dropped: mapped.dropped, raw: native ? text : undefined };
    },
  );

  context.attempts = outcome.attempts;
  const { result, dropped, raw } = outcome.result;
  context.served = {
    candidate: outcome.candidate,
    servedModel: result.servedModel,
    usage: result.usage,
    costNanoUsd: computeRequestCost(
      outcome.candidate.model,
      result.usage,
      new Date(context.receivedAtMs),
    ),
    dropped,
  };
  return { response: result.body, raw };
}
