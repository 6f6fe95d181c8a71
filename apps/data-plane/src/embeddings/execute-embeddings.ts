import { InvalidRequestError } from '@switchyard/errors';
import { charactersPerToken } from '@switchyard/policy';
import type { EmbeddingsResponse } from '@switchyard/providers';
import { computeRequestCost } from '../chat/compute-request-cost.js';
import type { GatewayDeps } from '../chat/gateway-deps.js';
import type { RequestContext } from '../chat/request-context.js';
import { runJsonAttempts } from '../upstream/run-json-attempts.js';
import { selectCandidates } from '../routing/select-candidates.js';
import { encodeEmbeddingBase64, type EmbeddingsRequestBody } from './embeddings-request.js';

/** Serves `/v1/embeddings` with the same candidates, governance and failover as chat. */
export async function executeEmbeddings(
  deps: GatewayDeps,
  context: RequestContext,
  request: EmbeddingsRequestBody,
): Promise<EmbeddingsResponse> {
  const { candidates } = selectCandidates(context.resolved!, context.caller);
  const capable = candidates.filter(
    (candidate) =>
      candidate.adapter.mapEmbeddingsRequest && candidate.adapter.mapEmbeddingsResponse,
  );
  if (capable.length === 0) {
    throw new InvalidRequestError(
      `The model '${request.model}' is served by providers without an embeddings endpoint (${[...new Set(candidates.map((candidate) => candidate.adapter.displayName))].join(', ')}).`,
      { code: 'unsupported_endpoint', param: 'model' },
    );
  }
  // The gateway answers in the caller's encoding itself (below), so providers always get floats:
  // several of them refuse the field even when it says `float`.
  const { encoding_format: encodingFormat, ...upstreamRequest } = request;
  const outcome = await runJsonAttempts(deps, context, capable, (adapter, target, options) =>
    adapter.mapEmbeddingsRequest!(upstreamRequest, target, options),
  );
  const { json, target, dropped } = outcome.result;
  const result = outcome.candidate.adapter.mapEmbeddingsResponse!(json, target);
  // Providers that report no token count (Gemini) are billed on an estimate of the input.
  const usage =
    result.usage.inputTokens > 0
      ? result.usage
      : { ...result.usage, inputTokens: estimateInputTokens(request.input) };
  context.served = {
    candidate: outcome.candidate,
    servedModel: result.servedModel,
    usage,
    costNanoUsd: computeRequestCost(outcome.candidate.model, usage, new Date(context.receivedAtMs)),
    dropped,
  };
  const body = result.body;
  // Adapters return floats; honour the caller's base64 request here, once, for every provider.
  if (encodingFormat === 'base64') {
    body.data = body.data.map((item) =>
      typeof item.embedding === 'string'
        ? item
        : { ...item, embedding: encodeEmbeddingBase64(item.embedding) },
    );
  }
  return body;
}

/** Rough token count of embeddings input: ~4 characters per token, or the token ids given. */
function estimateInputTokens(input: EmbeddingsRequestBody['input']): number {
  if (typeof input === 'string') return Math.max(1, Math.ceil(input.length / charactersPerToken));
  let tokens = 0;
  for (const item of input) {
    if (typeof item === 'string')
      tokens += Math.max(1, Math.ceil(item.length / charactersPerToken));
    else if (typeof item === 'number') tokens += 1;
    else tokens += item.length;
  }
  return tokens;
}
