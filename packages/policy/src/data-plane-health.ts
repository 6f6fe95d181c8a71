import { z } from 'zod';

/**
 * The health report a data-plane replica publishes to Redis for the control plane (and serves,
 * filtered to the caller's tenant, at `GET /v1/switchyard/health`). A contract between the two
 * apps: add optional fields only; bump `dataPlaneHealthSchemaVersion` for a breaking change.
 */
export const dataPlaneHealthSchemaVersion = 1;

/** Redis names of health reports; each replica writes its own key with a TTL, so a dead replica's report expires. */
export function healthRedisKeys(prefix: string) {
  return {
    dataPlane: (instanceId: string) => `${prefix}health:data-plane:${instanceId}`,
    /** SCAN pattern matching every replica's report. */
    dataPlanePattern: `${prefix}health:data-plane:*`,
  };
}

const isoDate = z.iso.datetime({ offset: true });

export const breakerStateSchema = z.enum(['closed', 'open', 'half_open']);
export type BreakerState = z.infer<typeof breakerStateSchema>;

export const deploymentHealthSchema = z
  .object({
    deploymentId: z.string(),
    name: z.string(),
    provider: z.string(),
    modelId: z.string(),
    canonicalModelId: z.string(),
    region: z.string().nullable(),
    breaker: z
      .object({
        state: breakerStateSchema,
        consecutiveFailures: z.number().int().min(0),
        /** Failures among the outcomes in the breaker's window, 0..1. */
        windowFailureRate: z.number().min(0).max(1),
        windowSize: z.number().int().min(0),
        openedAt: isoDate.nullable(),
        /** When an open breaker lets probes through. */
        retryAt: isoDate.nullable(),
      })
      .strict(),
    /** Moving averages; null until measured. */
    latencyMs: z.number().min(0).nullable(),
    ttftMs: z.number().min(0).nullable(),
    errorRate: z.number().min(0).max(1),
    samples: z.number().int().min(0),
    inFlight: z.number().int().min(0),
    queued: z.number().int().min(0),
    maxConcurrency: z.number().int().min(1).nullable(),
    lastSuccessAt: isoDate.nullable(),
    lastFailureAt: isoDate.nullable(),
    lastErrorCode: z.string().nullable(),
  })
  .strict();
export type DeploymentHealth = z.infer<typeof deploymentHealthSchema>;

export const dataPlaneHealthReportSchema = z
  .object({
    schemaVersion: z.literal(dataPlaneHealthSchemaVersion),
    instanceId: z.string(),
    generatedAt: isoDate,
    snapshotVersion: z.number().int().nullable(),
    deployments: z.array(deploymentHealthSchema),
  })
  .strict();
export type DataPlaneHealthReport = z.infer<typeof dataPlaneHealthReportSchema>;
