import {
  dataPlaneHealthSchemaVersion,
  type DataPlaneHealthReport,
  type DeploymentHealth,
} from '@switchyard/policy';
import type { CompiledDeployment, CompiledSnapshot } from '../snapshot/compiled-snapshot.js';
import type { ConcurrencyLimiter } from './concurrency-limiter.js';
import type { HealthRegistry } from './health-registry.js';

/** The live health services a report reads. */
export interface HealthSources {
  health: HealthRegistry;
  concurrency: ConcurrencyLimiter;
}

/** One deployment's health in the published contract's shape. */
export function describeDeploymentHealth(
  deployment: CompiledDeployment,
  sources: HealthSources,
  nowMs: number,
): DeploymentHealth {
  const measured = sources.health.describe(deployment.id, nowMs);
  const { breaker } = measured;
  return {
    deploymentId: deployment.id,
    name: deployment.name,
    provider: deployment.provider,
    modelId: deployment.model.id,
    canonicalModelId: deployment.model.canonicalId,
    region: deployment.region ?? null,
    breaker: {
      state: breaker.state,
      consecutiveFailures: breaker.consecutiveFailures,
      windowFailureRate: round(breaker.windowFailureRate, 4),
      windowSize: breaker.windowSize,
      openedAt: isoOrNull(breaker.openedAtMs),
      retryAt: isoOrNull(breaker.retryAtMs),
    },
    latencyMs: measured.latencyMs === undefined ? null : round(measured.latencyMs, 1),
    ttftMs: measured.ttftMs === undefined ? null : round(measured.ttftMs, 1),
    errorRate: round(measured.errorRate, 4),
    samples: measured.samples,
    inFlight: sources.concurrency.inFlight(deployment.id),
    queued: sources.concurrency.queued(deployment.id),
    maxConcurrency: deployment.maxConcurrency ?? null,
    lastSuccessAt: isoOrNull(measured.lastSuccessAtMs),
    lastFailureAt: isoOrNull(measured.lastFailureAtMs),
    lastErrorCode: measured.lastErrorCode ?? null,
  };
}

/** A report over the given deployments (all of them for Redis, a tenant's for the endpoint). */
export function buildHealthReport(
  snapshot: CompiledSnapshot | undefined,
  deployments: Iterable<CompiledDeployment>,
  sources: HealthSources,
  instanceId: string,
  nowMs: number,
): DataPlaneHealthReport {
  const described: DeploymentHealth[] = [];
  for (const deployment of deployments)
    described.push(describeDeploymentHealth(deployment, sources, nowMs));
  described.sort(
    (a, b) => a.name.localeCompare(b.name) || a.deploymentId.localeCompare(b.deploymentId),
  );
  return {
    schemaVersion: dataPlaneHealthSchemaVersion,
    instanceId,
    generatedAt: new Date(nowMs).toISOString(),
    snapshotVersion: snapshot?.version ?? null,
    deployments: described,
  };
}

function isoOrNull(ms: number | undefined): string | null {
  return ms === undefined ? null : new Date(ms).toISOString();
}

function round(value: number, digits: number): number {
  const factor = 10 ** digits;
  return Math.round(value * factor) / factor;
}
