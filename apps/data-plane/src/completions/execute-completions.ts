import { InvalidRequestError } from '@switchyard/errors';
import type { CompletionsRequest, NormalizedUsage } from '@switchyard/providers';
import { emptyUsage } from '@switchyard/providers';
import { computeRequestCost } from '../chat/compute-request-cost.js';
import type { GatewayDeps } from '../chat/gateway-deps.js';
import type { RequestContext } from '../chat/request-context.js';
import { runJsonAttempts } from '../upstream/run-json-attempts.js';
import { selectCandidates } from '../routing/select-candidates.js';

/**
 * Serves legacy `/v1/completions` (non-streaming) for providers that still have it. The body is
 * OpenAI's on both sides, so the provider's answer is returned as is; usage comes from it.
 */
export async function executeCompletions(
  deps: GatewayDeps,
  context: RequestContext,
  request: CompletionsRequest,
): Promise<unknown> {
  const { candidates } = selectCandidates(context.resolved!, context.caller);
  const capable = candidates.filter(
    (candidate) =>
      candidate.adapter.mapCompletionsRequest && candidate.adapter.capabilities.completions,
  );
  if (capable.length === 0) {
    throw new InvalidRequestError(
      `The model '${request.model}' is served by providers without the legacy completions endpoint; use /v1/chat/completions.`,
      { code: 'unsupported_endpoint', param: 'model' },
    );
  }
  const outcome = await runJsonAttempts(deps, context, capable, (adapter, target, options) =>
    adapter.mapCompletionsRequest!(request, target, options),
  );
  const { json, dropped } = outcome.result;
  const usage = completionUsage(json);
  context.served = {
    candidate: outcome.candidate,
    servedModel:
      typeof (json as { model?: unknown }).model === 'string'
        ? (json as { model: string }).model
        : outcome.candidate.model.providerModelId,
    usage,
    costNanoUsd: computeRequestCost(outcome.candidate.model, usage, new Date(context.receivedAtMs)),
    dropped,
  };
  return json;
}

/** Reads OpenAI-style `usage` from a completions body (prompt includes cached tokens). */
function completionUsage(body: unknown): NormalizedUsage {
  const usage = emptyUsage();
  const raw = (body as { usage?: Record<string, unknown> }).usage;
  if (!raw) return usage;
  usage.inputTokens = typeof raw.prompt_tokens === 'number' ? raw.prompt_tokens : 0;
  usage.outputTokens = typeof raw.completion_tokens === 'number' ? raw.completion_tokens : 0;
  const cached = (raw.prompt_tokens_details as { cached_tokens?: unknown } | undefined)
    ?.cached_tokens;
  usage.cacheReadTokens = typeof cached === 'number' ? cached : 0;
  return usage;
}
