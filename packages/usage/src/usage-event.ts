import { z } from 'zod';

/**
 * The usage-event contract between the data plane (producer) and the worker (consumer): one event
 * per request, sent in batches as BullMQ jobs. Old events must keep parsing: add optional fields
 * only; a breaking change bumps `usageEventSchemaVersion` and keeps the old reader.
 */
export const usageEventSchemaVersion = 1;
export const usageQueueName = 'usage-events';
export const usageBatchJobName = 'usage-batch';

const nonNegativeInt = z.number().int().min(0);

export const failoverAttemptSchema = z
  .object({
    deploymentId: z.string(),
    provider: z.string(),
    model: z.string(),
    /** HTTP status from the provider, or 0 when no response arrived. */
    status: z.number().int(),
    /** Closed vocabulary: see @switchyard/errors codes (`upstream_rate_limited`, …). */
    code: z.string().nullish(),
    fault: z.enum(['caller', 'policy', 'provider', 'gateway']).nullish(),
    latencyMs: nonNegativeInt,
  })
  .strict();
export type FailoverAttempt = z.infer<typeof failoverAttemptSchema>;

export const usageEventSchema = z
  .object({
    schemaVersion: z.literal(usageEventSchemaVersion),
    /** Idempotency key: the worker never counts the same request id twice. */
    requestId: z.string().min(1).max(200),
    occurredAt: z.iso.datetime({ offset: true }),
    tenantId: z.string().min(1),
    apiKeyId: z.string().nullish(),
    endUser: z.string().max(500).nullish(),
    tags: z.array(z.string().max(200)).max(50).default([]),
    endpoint: z.enum(['chat', 'messages', 'embeddings', 'completions']),
    requestedModel: z.string(),
    servedModel: z.string().nullish(),
    /** Catalog model id the route chose (the pinned version). */
    modelId: z.string().nullish(),
    modelDrift: z.boolean().default(false),
    provider: z.string().nullish(),
    deploymentId: z.string().nullish(),
    region: z.string().nullish(),
    routeRule: z.string().nullish(),
    attempts: z.array(failoverAttemptSchema).default([]),
    status: z.number().int(),
    errorCode: z.string().nullish(),
    stream: z.boolean(),
    cacheHit: z.boolean().default(false),
    latencyMs: nonNegativeInt,
    upstreamLatencyMs: nonNegativeInt.nullish(),
    ttftMs: nonNegativeInt.nullish(),
    inputTokens: nonNegativeInt,
    outputTokens: nonNegativeInt,
    cacheReadTokens: nonNegativeInt.default(0),
    cacheWriteTokens: nonNegativeInt.default(0),
    reasoningTokens: nonNegativeInt.default(0),
    /** Exact cost in integer nano-USD, as a decimal string (JSON has no bigint). */
    costNanoUsd: z.string().regex(/^\d+$/),
    /** Budget reservations taken before the request, settled by the worker's reconciliation. */
    budgetIds: z.array(z.string()).default([]),
    /** Prompt/completion bodies, present only when the tenant enabled payload logging. */
    payload: z.object({ prompt: z.unknown(), completion: z.unknown() }).strict().nullish(),
  })
  .strict();
export type UsageEvent = z.infer<typeof usageEventSchema>;
export type UsageEventInput = z.input<typeof usageEventSchema>;

export const usageBatchSchema = z
  .object({ batchId: z.string().min(1), events: z.array(z.unknown()).min(1) })
  .strict();
export type UsageBatch = { batchId: string; events: UsageEventInput[] };
