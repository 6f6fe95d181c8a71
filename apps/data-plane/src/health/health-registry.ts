import type { GatewayError } from '@switchyard/errors';
import type { CandidateHealth } from '@switchyard/policy';
import {
  CircuitBreaker,
  defaultCircuitBreakerOptions,
  type BreakerTicket,
  type CircuitBreakerOptions,
} from './circuit-breaker.js';
import { MovingAverage } from './moving-average.js';

export interface HealthOptions {
  breaker: CircuitBreakerOptions;
  /** EWMA weight of a new latency/TTFT sample. */
  latencyAlpha: number;
  /** EWMA weight of a new success/failure outcome in the error rate. */
  errorAlpha: number;
  /** Latency data older than this is ignored by routing, so the deployment gets re-measured. */
  staleAfterMs: number;
}

export const defaultHealthOptions: HealthOptions = {
  breaker: defaultCircuitBreakerOptions,
  latencyAlpha: 0.3,
  errorAlpha: 0.2,
  staleAfterMs: 60_000,
};

interface DeploymentState {
  breaker: CircuitBreaker;
  latency: MovingAverage;
  ttft: MovingAverage;
  errors: MovingAverage;
  lastSuccessAtMs: number | undefined;
  lastFailureAtMs: number | undefined;
  lastErrorCode: string | undefined;
}

/** What a successful attempt measured: total latency (non-streaming) or time to first token. */
export type AttemptMeasure = 'latency' | 'ttft';

/** Codes that mean "slow", whose elapsed time is a (lower-bound) latency sample too. */
const timeoutCodes: ReadonlySet<string> = new Set([
  'upstream_timeout',
  'upstream_connect_timeout',
  'upstream_first_token_timeout',
]);

/**
 * Per-deployment health, in memory only (the hot path never asks Redis): a circuit breaker and
 * moving averages of latency, time to first token and error rate. Only provider faults count
 * as failures — a caller's bad request or a client hanging up says nothing about the provider.
 */
export class HealthRegistry {
  private readonly states = new Map<string, DeploymentState>();
  readonly options: HealthOptions;

  constructor(options: Partial<HealthOptions> = {}) {
    this.options = { ...defaultHealthOptions, ...options };
  }

  /** Admits one attempt on a deployment (reserves a probe slot when half-open). */
  admit(deploymentId: string, nowMs: number): BreakerTicket {
    return this.state(deploymentId).breaker.admit(nowMs);
  }

  /** The evaluator's view; undefined for a deployment never seen and idle. */
  view(deploymentId: string, nowMs: number, inFlight: number): CandidateHealth | undefined {
    const state = this.states.get(deploymentId);
    if (!state)
      return inFlight === 0
        ? undefined
        : {
            breakerOpen: false,
            retryAtMs: undefined,
            latencyMs: undefined,
            ttftMs: undefined,
            errorRate: 0,
            inFlight,
          };
    const breaker = state.breaker;
    const staleAfter = this.options.staleAfterMs;
    return {
      breakerOpen: breaker.refuses(nowMs),
      retryAtMs: breaker.snapshot(nowMs).retryAtMs,
      latencyMs: state.latency.value(nowMs, staleAfter),
      ttftMs: state.ttft.value(nowMs, staleAfter),
      errorRate: state.errors.last ?? 0,
      inFlight,
    };
  }

  recordSuccess(
    deploymentId: string,
    ticket: BreakerTicket,
    measure: AttemptMeasure,
    elapsedMs: number,
    nowMs: number,
  ): void {
    const state = this.state(deploymentId);
    state.breaker.onSuccess(ticket);
    (measure === 'ttft' ? state.ttft : state.latency).add(elapsedMs, nowMs);
    state.errors.add(0, nowMs);
    state.lastSuccessAtMs = nowMs;
  }

  /** Records a failed attempt: a provider fault counts against the deployment, anything else is neutral. */
  recordFailure(
    deploymentId: string,
    ticket: BreakerTicket,
    error: GatewayError,
    elapsedMs: number,
    nowMs: number,
  ): void {
    const state = this.state(deploymentId);
    if (error.fault !== 'provider') {
      state.breaker.onNeutral(ticket);
      return;
    }
    state.breaker.onFailure(ticket, nowMs);
    state.errors.add(1, nowMs);
    if (timeoutCodes.has(error.code)) state.latency.add(elapsedMs, nowMs);
    state.lastFailureAtMs = nowMs;
    state.lastErrorCode = error.code;
  }

  /** An attempt that ended without saying anything about the provider (e.g. refused as busy). */
  /** Breaker state of every deployment seen so far (for the metrics scrape). */
  breakerStates(nowMs: number): { deploymentId: string; state: 'closed' | 'half_open' | 'open' }[] {
    return [...this.states.entries()].map(([deploymentId, state]) => ({
      deploymentId,
      state: state.breaker.state(nowMs),
    }));
  }

  release(deploymentId: string, ticket: BreakerTicket): void {
    this.states.get(deploymentId)?.breaker.onNeutral(ticket);
  }

  /** A stream that failed after its attempt was already counted a success (stall, cut). */
  recordStreamFailure(deploymentId: string, error: GatewayError, nowMs: number): void {
    this.recordFailure(deploymentId, 'pass', error, 0, nowMs);
  }

  /** Everything known about a deployment, for the health endpoint and the Redis report. */
  describe(deploymentId: string, nowMs: number) {
    const state = this.states.get(deploymentId);
    return {
      breaker: (state?.breaker ?? idleBreaker).snapshot(nowMs),
      latencyMs: state?.latency.last,
      ttftMs: state?.ttft.last,
      errorRate: state?.errors.last ?? 0,
      samples: state?.errors.samples ?? 0,
      lastSuccessAtMs: state?.lastSuccessAtMs,
      lastFailureAtMs: state?.lastFailureAtMs,
      lastErrorCode: state?.lastErrorCode,
    };
  }

  /** Forgets deployments no longer in the snapshot, so removed ones do not pile up. */
  retainOnly(deploymentIds: ReadonlySet<string>): void {
    for (const id of this.states.keys()) if (!deploymentIds.has(id)) this.states.delete(id);
  }

  private state(deploymentId: string): DeploymentState {
    let state = this.states.get(deploymentId);
    if (!state) {
      state = {
        breaker: new CircuitBreaker(this.options.breaker),
        latency: new MovingAverage(this.options.latencyAlpha),
        ttft: new MovingAverage(this.options.latencyAlpha),
        errors: new MovingAverage(this.options.errorAlpha),
        lastSuccessAtMs: undefined,
        lastFailureAtMs: undefined,
        lastErrorCode: undefined,
      };
      this.states.set(deploymentId, state);
    }
    return state;
  }
}

/** Stands in for deployments without traffic yet (always closed, never mutated). */
const idleBreaker = new CircuitBreaker();
