import { Prisma } from '@switchyard/db';
import type { UsageEvent } from '@switchyard/usage';

/** Whether and until when a tenant's prompt/completion bodies may be stored. */
export interface BodyRetention {
  /** Days to keep bodies; 0 (or a tenant without payload logging) stores none. */
  retentionDays: number;
}

const dayMs = 86_400_000;

/** Job payloads come from JSON, so any value is JSON-safe; a JSON null needs Prisma's marker. */
function toJson(value: unknown): Prisma.InputJsonValue | typeof Prisma.JsonNull {
  return value == null ? Prisma.JsonNull : (value as Prisma.InputJsonValue);
}

/** Attempts that did not succeed, kept as the request's failover reasons. */
function failoverReasons(event: UsageEvent): Prisma.InputJsonValue | undefined {
  const failed = event.attempts.filter((attempt) => attempt.status < 200 || attempt.status >= 300);
  return failed.length > 0 ? (failed as unknown as Prisma.InputJsonValue) : undefined;
}

/**
 * Maps one usage event to its request_logs row. Bodies are only kept when the event carries them
 * (the data plane includes them only for tenants with payload logging) and the tenant still has
 * it on with a positive retention; they expire `retentionDays` after the request.
 */
export function toRequestLogRow(
  event: UsageEvent,
  retention: BodyRetention | undefined,
): Prisma.RequestLogCreateManyInput {
  const occurredAt = new Date(event.occurredAt);
  const keepBody = event.payload != null && retention !== undefined && retention.retentionDays > 0;
  const reasons = failoverReasons(event);
  return {
    id: event.requestId,
    tenantId: event.tenantId,
    apiKeyId: event.apiKeyId ?? null,
    endUser: event.endUser ?? null,
    tags: event.tags,
    requestedModel: event.requestedModel,
    servedModel: event.servedModel ?? null,
    modelId: event.modelId ?? null,
    provider: event.provider ?? null,
    deploymentId: event.deploymentId ?? null,
    region: event.region ?? null,
    routeRule: event.routeRule ?? null,
    attempts: event.attempts.length,
    status: event.status,
    errorCode: event.errorCode ?? null,
    latencyMs: event.latencyMs,
    upstreamLatencyMs: event.upstreamLatencyMs ?? null,
    ttftMs: event.ttftMs ?? null,
    inputTokens: event.inputTokens,
    outputTokens: event.outputTokens,
    cacheReadTokens: event.cacheReadTokens,
    cacheWriteTokens: event.cacheWriteTokens,
    reasoningTokens: event.reasoningTokens,
    costNanoUsd: BigInt(event.costNanoUsd),
    // Kept so a later re-costing can move exactly these budgets' spend (see RequestLog.budgetIds).
    budgetIds: [...new Set(event.budgetIds)],
    cacheHit: event.cacheHit,
    stream: event.stream,
    modelDrift: event.modelDrift,
    ...(reasons === undefined ? {} : { failoverReasons: reasons }),
    ...(keepBody && event.payload
      ? {
          promptBody: toJson(event.payload.prompt),
          completionBody: toJson(event.payload.completion),
          bodyExpiresAt: new Date(occurredAt.getTime() + (retention?.retentionDays ?? 0) * dayMs),
        }
      : {}),
    createdAt: occurredAt,
  };
}
