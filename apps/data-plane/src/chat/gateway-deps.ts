import type { Logger } from 'pino';
import type { UsageEventInput } from '@switchyard/usage';
import type { Tracing } from '@switchyard/telemetry';
import type { GatewayMetrics } from '../metrics/gateway-metrics.js';
import type { Admission } from '../limits/admission.js';
import type { ResponseCache } from '../cache/response-cache.js';
import type { AuthFailureLimiter } from '../plugins/auth-failure-limiter.js';
import type { UpstreamClient } from '../upstream/upstream-client.js';
import type { ConcurrencyLimiter } from '../health/concurrency-limiter.js';
import type { HealthRegistry } from '../health/health-registry.js';
import type { KeyRotation } from '../routing/key-rotation.js';
import type { SnapshotHolder } from '../snapshot/snapshot-holder.js';
import type { UsageSink } from '../usage/usage-sink.js';
import type { AbortSignalLike } from '../http/request-abort.js';

/** The process-wide services a request handler uses; built once in buildApp. */
export interface GatewayDeps {
  snapshots: SnapshotHolder;
  upstream: UpstreamClient;
  keyRotation: KeyRotation;
  usage: UsageSink;
  logger: Logger;
  /** Wall clock (ms since epoch); injected so tests control time. */
  now: () => number;
  sleep: (ms: number, signal: AbortSignalLike) => Promise<void>;
  /** Budgets and rate limits (one Redis script per request); absent = no limits. */
  admission?: Admission | undefined;
  /** Extra patterns redacted from logged payloads (tenants with payload logging on). */
  redactionPatterns?: readonly RegExp[] | undefined;
  /** Throttles sources that keep presenting bad keys. */
  authFailures?: AuthFailureLimiter | undefined;
  /** Exact-match response cache; absent = no caching. */
  cache?: ResponseCache | undefined;
  /** Redis key prefix for cache entries. */
  cachePrefix?: string | undefined;
  /** Per-deployment circuit breakers and moving latency/TTFT/error measures; absent = no health routing. */
  health?: HealthRegistry | undefined;
  /** Per-deployment concurrency limits and in-flight counts; absent = unlimited, uncounted. */
  concurrency?: ConcurrencyLimiter | undefined;
  /** Uniform [0, 1) source for weighted routing and backoff jitter (injected in tests). */
  random?: (() => number) | undefined;
  /** This replica's id in health reports. */
  instanceId?: string | undefined;
  /** OpenTelemetry tracing (spans exported only when an OTLP endpoint is configured). */
  tracing?: Tracing | undefined;
  /** Prometheus metrics; absent in unit tests that do not care. */
  metrics?: GatewayMetrics | undefined;
  /** One structured line per request (no payloads); absent when request logging is off. */
  logRequest?: ((event: UsageEventInput) => void) | undefined;
}

/** Abortable sleep used between retries. */
export function abortableSleep(ms: number, signal: AbortSignalLike): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) return reject(signal.reason as Error);
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal.reason as Error);
    };
    signal.addEventListener('abort', onAbort, { once: true });
  });
}
