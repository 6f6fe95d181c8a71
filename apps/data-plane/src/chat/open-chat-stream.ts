import { UpstreamError, isGatewayError } from '@switchyard/errors';
import type { ChatCompletionChunk, ChatCompletionRequest } from '@switchyard/providers';
import { runWithFailover } from '../routing/run-with-failover.js';
import { failoverOptions } from '../routing/failover-options.js';
import { withTraceHeaders } from '../telemetry/request-tracing.js';
import { selectRoute } from '../routing/select-route.js';
import { toNetworkError } from '../upstream/upstream-client.js';
import { buildTarget } from './build-target.js';
import { computeRequestCost } from './compute-request-cost.js';
import type { GatewayDeps } from './gateway-deps.js';
import type { RequestContext } from './request-context.js';
import type { CompiledDeployment } from '../snapshot/compiled-snapshot.js';
import { RequestAbort, type AbortSignalLike } from '../http/request-abort.js';

/** A started upstream stream whose first real output has arrived. */
export interface OpenedChatStream {
  /** The deployment that is serving, known once the first output arrived. */
  candidate: CompiledDeployment;
  dropped: string[];
  /** Preamble and first output chunks, held back until the attempt was known to be good. */
  held: ChatCompletionChunk[];
  /** Next chunks; null at the provider's clean end. Throws UpstreamError on a later failure. */
  read(): Promise<ChatCompletionChunk[] | null>;
  /** Finalises usage and cost on the context (call once, after the end or a failure). */
  settle(): void;
}

/** Bytes converted at a time until the first output is found (a few SSE events). */
const openingSliceBytes = 1024;

/** True for a chunk that carries output the client must see (not role-only preamble or usage). */
export function hasRealOutput(chunk: ChatCompletionChunk): boolean {
  for (const choice of chunk.choices) {
    const delta = choice.delta;
    if (choice.finish_reason) return true;
    if (delta.content || delta.reasoning_content || delta.refusal) return true;
    if (delta.tool_calls && delta.tool_calls.length > 0) return true;
  }
  return false;
}

/**
 * Opens a streaming chat request with transparent failover up to the first real output token:
 * everything before it (role chunk, pings) is held back, so a provider that fails early is
 * replaced without the client ever seeing a half-started answer.
 */
export async function openChatStream(
  deps: GatewayDeps,
  context: RequestContext,
  request: ChatCompletionRequest,
): Promise<OpenedChatStream> {
  const candidates = selectRoute(deps, context, request);
  const unsupported = context.caller.tenant.tenant.unsupportedParameters;
  const failover = context.failover;
  const created = Math.floor(context.receivedAtMs / 1000);
  // Longest silence between two chunks; past it a stream is stalled (before its first output
  // that means failover, after it an explicit error event).
  const idleTimeoutMs = failover.streamIdleTimeoutMs ?? failover.firstTokenTimeoutMs;

  const outcome = await runWithFailover(
    candidates,
    failoverOptions(deps, context, {
      // A stream holds its deployment slot until it ends; its success is measured as TTFT.
      measure: 'ttft',
      holdPermit: true,
    }),
    async ({ candidate, keyIndex, remainingMs, traceHeaders }) => {
      const target = buildTarget(candidate, keyIndex);
      const adapter = candidate.adapter;
      const mapped = adapter.mapChatRequest(request, target, {
        unsupported,
        now: new Date(deps.now()),
      });
      const attemptAbort = new RequestAbort();
      const forwardAbort = () => attemptAbort.abort(context.abort.signal.reason);
      context.abort.signal.addEventListener('abort', forwardAbort, { once: true });
      const firstTokenTimer = setTimeout(
        () =>
          attemptAbort.abort(
            new UpstreamError(
              `${adapter.displayName}: no output within ${failover.firstTokenTimeoutMs} ms`,
              {
                code: 'upstream_first_token_timeout',
                status: 504,
                fault: 'provider',
                retryable: true,
              },
            ),
          ),
        Math.min(failover.firstTokenTimeoutMs, remainingMs),
      );
      const sentAt = performance.now();
      try {
        const response = await deps.upstream.send(
          withTraceHeaders(mapped.http, adapter, traceHeaders),
          {
            connectTimeoutMs: failover.connectTimeoutMs,
            headersTimeoutMs: Math.min(failover.firstTokenTimeoutMs, remainingMs),
            bodyTimeoutMs: Math.min(idleTimeoutMs, failover.totalTimeoutMs),
          },
          attemptAbort.signal,
          adapter.displayName,
        );
        if (response.statusCode >= 300) {
          const text = await response.body.text();
          throw adapter.mapError(response.statusCode, response.headers, text);
        }
        const converter = adapter.createChatStreamConverter(target, {
          responseId: `chatcmpl-${context.requestId}`,
          created,
        });
        const iterator = response.body[Symbol.asyncIterator]() as AsyncIterator<Uint8Array>;
        const held: ChatCompletionChunk[] = [];
        let ended = false;
        let rest: Uint8Array | undefined;
        reading: for (;;) {
          const next = await iterator.next();
          if (next.done) {
            held.push(...converter.finish());
            ended = true;
            break;
          }
          // One network read can hold a whole answer; converting it all before the first token
          // goes out would delay that token by the time to convert the rest. So convert in small
          // slices (converters accept any byte split) and keep what follows the first output.
          const bytes = next.value;
          for (let offset = 0; offset < bytes.length; offset += openingSliceBytes) {
            const chunks = converter.push(bytes.subarray(offset, offset + openingSliceBytes));
            held.push(...chunks);
            if (chunks.some(hasRealOutput)) {
              const end = offset + openingSliceBytes;
              if (end < bytes.length) rest = bytes.subarray(end);
              break reading;
            }
          }
        }
        context.ttftMs = Math.round(performance.now() - context.startedAt);
        return {
          held,
          iterator,
          converter,
          ended,
          attemptAbort,
          forwardAbort,
          sentAt,
          dropped: mapped.dropped,
          rest,
        };
      } catch (error) {
        attemptAbort.abort();
        context.abort.signal.removeEventListener('abort', forwardAbort);
        const reason: unknown = attemptAbort.signal.reason;
        if (isGatewayError(reason) && !context.abort.signal.aborted) throw reason;
        throw toNetworkError(error, adapter.displayName, context.abort.signal);
      } finally {
        clearTimeout(firstTokenTimer);
      }
    },
  );

  context.attempts = outcome.attempts;
  const { held, iterator, converter, attemptAbort, forwardAbort, sentAt, dropped } = outcome.result;
  const permit = outcome.permit;
  // The slot is freed at the stream's end, its failure, settle() or the client leaving — whichever
  // comes first (release is idempotent), so no path can leak it.
  if (permit)
    context.abort.signal.addEventListener('abort', () => permit.release(), { once: true });
  let ended = outcome.result.ended;
  let rest = outcome.result.rest;
  const candidate = outcome.candidate;
  const providerName = candidate.adapter.displayName;
  let settled = false;
  // Provisional: lets the response headers name the provider before the cost is known.
  context.served = {
    candidate,
    servedModel: converter.servedModel ?? candidate.model.providerModelId,
    usage: converter.usage,
    costNanoUsd: 0n,
    dropped,
  };

  return {
    candidate,
    dropped,
    held,
    async read() {
      if (ended) return null;
      try {
        if (rest) {
          const bytes = rest;
          rest = undefined;
          return converter.push(bytes);
        }
        const next = await iterator.next();
        if (next.done) {
          ended = true;
          permit?.release();
          return converter.finish();
        }
        return converter.push(next.value);
      } catch (error) {
        ended = true;
        permit?.release();
        attemptAbort.abort();
        const failure = isGatewayError(error)
          ? error
          : midStreamError(error, providerName, context.abort.signal, idleTimeoutMs);
        // The attempt already counted as a success at its first token; the cut counts against it now.
        deps.health?.recordStreamFailure(candidate.id, failure, deps.now());
        throw failure;
      }
    },
    settle() {
      if (settled) return;
      settled = true;
      permit?.release();
      context.abort.signal.removeEventListener('abort', forwardAbort);
      if (!ended) attemptAbort.abort();
      context.upstreamMs += performance.now() - sentAt;
      const usage = converter.usage;
      context.served = {
        candidate,
        servedModel: converter.servedModel ?? candidate.model.providerModelId,
        usage,
        costNanoUsd: computeRequestCost(candidate.model, usage, new Date(context.receivedAtMs)),
        dropped,
      };
    },
  };
}

function midStreamError(
  error: unknown,
  providerName: string,
  signal: AbortSignalLike,
  idleTimeoutMs: number,
): UpstreamError {
  const mapped = toNetworkError(error, providerName, signal);
  if (mapped.code === 'upstream_timeout') {
    return new UpstreamError(
      `${providerName}: the stream stalled (no data for ${idleTimeoutMs} ms) before it finished`,
      {
        code: 'upstream_stream_stalled',
        status: 504,
        fault: 'provider',
        retryable: false,
        cause: error,
      },
    );
  }
  if (mapped.code !== 'upstream_connect_error') return mapped;
  return new UpstreamError(`${providerName}: the stream was cut before it finished`, {
    code: 'upstream_stream_truncated',
    status: 502,
    fault: 'provider',
    retryable: false,
    cause: error,
  });
}
