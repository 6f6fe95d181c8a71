import { InvalidRequestError } from '@switchyard/errors';
import type { EmbeddingsResponse } from '@switchyard/providers';
import { buildTarget } from '../chat/build-target.js';
import { computeRequestCost } from '../chat/compute-request-cost.js';
import type { GatewayDeps } from '../chat/gateway-deps.js';
import type { RequestContext } from '../chat/request-context.js';
import { runWithFailover } from '../routing/run-with-failover.js';
import { selectCandidates } from '../routing/select-candidates.js';
import { sendJsonRequest } from '../upstream/send-json-request.js';
import { encodeEmbeddingBase64, type EmbeddingsRequestBody } from './embeddings-request.js';

/** Serves `/v1/embeddings` with the same candidates, governance and failover as chat. */
export async function executeEmbeddings(
  deps: GatewayDeps,
  context: RequestContext,
  request: EmbeddingsRequestBody,
): Promise<EmbeddingsResponse> {
  const { candidates } = selectCandidates(context.resolved!, context.caller, context.snapshot);
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
  const unsupported = context.caller.tenant.tenant.unsupportedParameters;
  const failover = context.failover;
  const outcome = await runWithFailover(
    capable,
    {
      failover,
      signal: context.abort.signal,
      now: deps.now,
      sleep: deps.sleep,
      keyRotation: deps.keyRotation,
    },
    async ({ candidate, keyIndex, remainingMs }) => {
      const adapter = candidate.adapter;
      const target = buildTarget(candidate, keyIndex);
      const mapped = adapter.mapEmbeddingsRequest!(request, target, {
        unsupported,
        now: new Date(deps.now()),
      });
      const json = await sendJsonRequest(
        deps.upstream,
        adapter,
        mapped.http,
        context,
        failover,
        remainingMs,
      );
      return { result: adapter.mapEmbeddingsResponse!(json, target), dropped: mapped.dropped };
    },
  );
  context.attempts = outcome.attempts;
  const { result, dropped } = outcome.result;
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
  const body = result.body;
  // Adapters return floats; honour the caller's base64 request here, once, for every provider.
  if (request.encoding_format === 'base64') {
    body.data = body.data.map((item) =>
      typeof item.embedding === 'string'
        ? item
        : { ...item, embedding: encodeEmbeddingBase64(item.embedding) },
    );
  }
  return body;
}
