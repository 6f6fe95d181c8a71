import { UpstreamError, type GatewayError } from '@switchyard/errors';
import type { Failover } from '@switchyard/policy';
import type { FailoverAttempt } from '@switchyard/usage';
import type { BreakerTicket } from '../health/circuit-breaker.js';
import type { ConcurrencyLimiter, Permit } from '../health/concurrency-limiter.js';
import type { AttemptMeasure, HealthRegistry } from '../health/health-registry.js';
import type { CompiledDeployment } from '../snapshot/compiled-snapshot.js';
import {
  AllAttemptsFailedError,
  asGatewayError,
  attemptRecord,
  contextLengthError,
  openBreakerError,
} from './attempt-errors.js';
import type { KeyRotation } from './key-rotation.js';
import { backoffDelayMs, shouldFailOver } from './should-fail-over.js';
import type { AbortSignalLike } from '../http/request-abort.js';

export { AllAttemptsFailedError } from './attempt-errors.js';

const noTraceHeaders: Record<string, string> = Object.freeze({}) as Record<string, string>;

export interface AttemptInput {
  candidate: CompiledDeployment;
  keyIndex: number;
  attemptNumber: number;
  /** Time left before the overall deadline. */
  remainingMs: number;
  /** W3C trace-context headers of this attempt's span (empty when tracing is off). */
  traceHeaders: Record<string, string>;
}

export interface FailoverOutcome<T> {
  result: T;
  candidate: CompiledDeployment;
  attempts: FailoverAttempt[];
  /** The concurrency slot, still held when `holdPermit` was set (a stream releases it at its end). */
  permit: Permit | undefined;
}

export interface RunWithFailoverOptions {
  failover: Failover;
  signal: AbortSignalLike;
  now: () => number;
  sleep: (ms: number, signal: AbortSignalLike) => Promise<void>;
  keyRotation: KeyRotation;
  /** Breakers and measures: skipped open breakers, outcomes recorded. Absent: not tracked. */
  health?: HealthRegistry | undefined;
  /** Concurrency slots per deployment. Absent: unlimited. */
  concurrency?: ConcurrencyLimiter | undefined;
  /** What a success measured: total latency, or time to first token (streams). Default latency. */
  measure?: AttemptMeasure;
  /** Keep the concurrency slot after success (the caller releases it). */
  holdPermit?: boolean;
  /** May a prompt the provider found too long move to a target with a larger window? Default true. */
  allowLargerContext?: boolean;
  /** Jitter source for backoff (injected in tests). */
  random?: () => number;
  /** Append attempts here as they happen, so the log survives a thrown error (the request's context). */
  attempts?: FailoverAttempt[];
  /** Opens one tracing span per provider call (absent: no tracing). */
  traceAttempt?:
    ((candidate: CompiledDeployment, attemptNumber: number) => AttemptTrace) | undefined;
}

/** A provider call's span: its propagation headers and how to close it. */
export interface AttemptTrace {
  headers: Record<string, string>;
  end(status: number, code: string | undefined): void;
}

/**
 * Runs `attempt` over the candidates in order: retries a target with backoff and jitter
 * (honouring retry-after) while the policy says so, then moves on; stops at maxAttempts provider
 * calls or the deadline. Governance was applied when the candidates were chosen, so nothing here
 * can step outside it. Before each call the deployment's breaker and concurrency slot are
 * checked (an open breaker or a full queue moves on without calling the provider); every outcome
 * feeds the deployment's health. A provider saying the prompt is too long moves on only to a
 * larger window. A non-retryable error (the caller's fault) is rethrown at once, unchanged.
 */
export async function runWithFailover<T>(
  candidates: readonly CompiledDeployment[],
  options: RunWithFailoverOptions,
  attempt: (input: AttemptInput) => Promise<T>,
): Promise<FailoverOutcome<T>> {
  const { failover, signal, now, sleep, keyRotation, health, concurrency } = options;
  const deadline = now() + failover.deadlineMs;
  const attempts: FailoverAttempt[] = options.attempts ?? [];
  let providerCalls = 0;
  let lastError: GatewayError | undefined;
  /** After a context-length refusal: only windows larger than this may still be tried. */
  let contextFloor: { candidate: CompiledDeployment; error: GatewayError } | undefined;

  for (const candidate of candidates) {
    if (contextFloor && candidate.model.contextWindow <= contextFloor.candidate.model.contextWindow)
      continue;
    for (let retry = 0; retry <= failover.retriesPerTarget; retry++) {
      if (providerCalls >= failover.maxAttempts) break;
      const remainingMs = deadline - now();
      if (remainingMs <= 0) break;
      const ticket: BreakerTicket = health ? health.admit(candidate.id, now()) : 'pass';
      if (ticket === 'refused') {
        lastError = openBreakerError(candidate);
        attempts.push(attemptRecord(candidate, 0, lastError, 0));
        break;
      }
      let permit: Permit | undefined;
      try {
        const limit = candidate.maxConcurrency;
        const acquired = concurrency?.acquire(candidate.id, {
          limit,
          remainingMs,
          // Only a limited deployment can make a request wait, so only then predict the wait.
          typicalHoldMs:
            limit === undefined ? undefined : health?.view(candidate.id, now(), 0)?.latencyMs,
          signal,
        });
        // A free slot is granted synchronously; awaiting it anyway would cost a microtask turn.
        permit = acquired instanceof Promise ? await acquired : acquired;
      } catch (error) {
        health?.release(candidate.id, ticket);
        const failure = asGatewayError(error);
        if (signal.aborted) throw failure;
        lastError = failure;
        attempts.push(attemptRecord(candidate, failure.status, failure, 0));
        break;
      }

      const keyIndex = keyRotation.pick(candidate, now());
      providerCalls += 1;
      const started = performance.now();
      const span = options.traceAttempt?.(candidate, attempts.length + 1);
      try {
        const result = await attempt({
          candidate,
          keyIndex,
          attemptNumber: attempts.length + 1,
          remainingMs: deadline - now(),
          traceHeaders: span?.headers ?? noTraceHeaders,
        });
        const elapsed = performance.now() - started;
        span?.end(200, undefined);
        attempts.push(attemptRecord(candidate, 200, undefined, elapsed));
        health?.recordSuccess(candidate.id, ticket, options.measure ?? 'latency', elapsed, now());
        if (!options.holdPermit) permit?.release();
        return { result, candidate, attempts, permit: options.holdPermit ? permit : undefined };
      } catch (error) {
        permit?.release();
        const failure = asGatewayError(error);
        span?.end(failure.status, failure.code);
        const elapsed = performance.now() - started;
        attempts.push(attemptRecord(candidate, failure.status, failure, elapsed));
        if (signal.aborted) {
          health?.release(candidate.id, ticket);
          throw failure;
        }
        health?.recordFailure(candidate.id, ticket, failure, elapsed, now());
        if (failure.code === 'context_length_exceeded') {
          if (options.allowLargerContext === false)
            throw contextLengthError(candidate, failure, false);
          contextFloor = { candidate, error: failure };
          break;
        }
        const decision = shouldFailOver(failure, failover);
        if (decision === 'stop') {
          if (attempts.length === 1) throw failure;
          throw new AllAttemptsFailedError(attempts, failure);
        }
        lastError = failure;
        // The retry-after of a 429 belongs to the key that got it: rest that key, and retry at
        // once on another key of the account if one is free.
        let retryAfterMs = failure.retryAfterMs;
        if (failure.code === 'upstream_rate_limited') {
          keyRotation.rest(candidate, keyIndex, now() + (failure.retryAfterMs ?? 1_000));
          if (keyRotation.hasFreeKey(candidate, now())) retryAfterMs = undefined;
        }
        if (decision === 'next-target') break;
        const delay = backoffDelayMs(retry, failover, retryAfterMs, options.random);
        // A retry-after longer than the time left is better spent on another target.
        if (retry === failover.retriesPerTarget || now() + delay >= deadline) break;
        await sleep(delay, signal);
      }
    }
    if (providerCalls >= failover.maxAttempts || deadline - now() <= 0) break;
  }
  throw finalError(attempts, lastError, contextFloor);
}

/**
 * What the caller gets when nothing succeeded: the context error when that was the root cause,
 * a plain 429 `deployment_busy` when every target was only busy (retry later, nothing failed),
 * else the list of every attempt.
 */
function finalError(
  attempts: FailoverAttempt[],
  lastError: GatewayError | undefined,
  contextFloor: { candidate: CompiledDeployment; error: GatewayError } | undefined,
): GatewayError {
  if (
    contextFloor &&
    (!lastError || attempts.every((entry) => entry.code === 'context_length_exceeded'))
  ) {
    return contextLengthError(contextFloor.candidate, contextFloor.error, true);
  }
  if (
    lastError &&
    attempts.length > 0 &&
    attempts.every((entry) => entry.code === 'deployment_busy')
  )
    return lastError;
  const last =
    lastError ??
    new UpstreamError('The overall deadline passed before any attempt could be made.', {
      code: 'deadline_exceeded',
      status: 504,
      fault: 'gateway',
    });
  return new AllAttemptsFailedError(attempts, last);
}
