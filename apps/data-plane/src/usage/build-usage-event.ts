import type { UsageEventInput } from '@switchyard/usage';
import type { RequestContext } from '../chat/request-context.js';
import { wasCacheHit } from '../cache/response-cache.js';

/** Builds the usage event for a finished (or failed) request from its context. */
export function buildUsageEvent(
  context: RequestContext,
  status: number,
  errorCode: string | undefined,
  requestedModel: string,
): UsageEventInput {
  const served = context.served;
  const totalMs = Math.round(performance.now() - context.startedAt);
  return {
    schemaVersion: 1,
    requestId: context.requestId,
    occurredAt: new Date(context.receivedAtMs).toISOString(),
    tenantId: context.caller.tenant.tenant.id,
    apiKeyId: context.caller.key.id,
    endUser: context.endUser ?? null,
    tags: context.tags,
    endpoint: context.endpoint,
    requestedModel,
    servedModel: served?.servedModel ?? null,
    modelId: served?.candidate.model.id ?? context.resolved?.model.id ?? null,
    modelDrift: served
      ? isDrift(served.servedModel, served.candidate.model.providerModelId)
      : false,
    provider: served?.candidate.account.providerType ?? null,
    deploymentId: served?.candidate.deployment.id ?? null,
    region: served?.candidate.deployment.region ?? served?.candidate.account.region ?? null,
    routeRule: context.routeRule ?? null,
    attempts: context.attempts,
    status,
    errorCode: errorCode ?? null,
    stream: context.stream,
    cacheHit: wasCacheHit(context),
    latencyMs: totalMs,
    upstreamLatencyMs: Math.round(context.upstreamMs),
    ttftMs: context.ttftMs ?? null,
    inputTokens: served?.usage.inputTokens ?? 0,
    outputTokens: served?.usage.outputTokens ?? 0,
    cacheReadTokens: served?.usage.cacheReadTokens ?? 0,
    cacheWriteTokens: served?.usage.cacheWriteTokens ?? 0,
    reasoningTokens: served?.usage.reasoningTokens ?? 0,
    costNanoUsd: (served?.costNanoUsd ?? 0n).toString(),
  };
}

/**
 * A provider reporting a model other than the pinned one is drift — except the usual
 * undated-alias-to-dated-version echo (`gpt-4.1-mini` answered as `gpt-4.1-mini-2025-04-14`).
 */
export function isDrift(servedModel: string, pinnedProviderModelId: string): boolean {
  if (servedModel === pinnedProviderModelId) return false;
  if (servedModel.startsWith(pinnedProviderModelId + '-')) return false;
  if (servedModel.endsWith('/' + pinnedProviderModelId)) return false;
  return true;
}
