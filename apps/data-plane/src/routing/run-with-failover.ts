import { GatewayError, isGatewayError, UpstreamError } from '@switchyard/errors';
import type { Failover } from '@switchyard/policy';
import type { FailoverAttempt } from '@switchyard/usage';
import type { CompiledDeployment } from '../snapshot/compiled-snapshot.js';
import { backoffDelayMs, shouldFailOver } from './should-fail-over.js';
import type { KeyRotation } from './key-rotation.js';

export interface AttemptInput {
  candidate: CompiledDeployment;
  keyIndex: number;
  attemptNumber: number;
  /** Time left before the overall deadline. */
  remainingMs: number;
}

export interface FailoverOutcome<T> {
  result: T;
  candidate: CompiledDeployment;
  attempts: FailoverAttempt[];
}

/** Thrown when every allowed target failed; lists each attempt so the caller sees why. */
export class AllAttemptsFailedError extends GatewayError {
  constructor(readonly attempts: FailoverAttempt[], last: GatewayError) {
    const summary = attempts
      .map((attempt) => `${attempt.deploymentId} (${attempt.provider}/${attempt.model}): ${attempt.code ?? attempt.status}`)
      .join('; ');
    super(`All ${attempts.length} attempt(s) failed. ${summary}. Last error: ${last.message}`, {
      code: 'all_attempts_failed',
      status: last.status === 429 || last.status === 503 ? 503 : 502,
      fault: 'provider',
      retryable: true,
      retryAfterMs: last.retryAfterMs,
      details: { attempts },
      cause: last,
    });
  }
}

export interface RunWithFailoverOptions {
  failover: Failover;
  signal: AbortSignal;
  now: () => number;
  sleep: (ms: number, signal: AbortSignal) => Promise<void>;
  keyRotation: KeyRotation;
}

/**
 * Runs `attempt` over the candidates in order: retries a target with backoff (honouring
 * retry-after) while the policy says so, then moves on; stops at maxAttempts or the deadline.
 * A non-retryable error (the caller's fault) is rethrown at once, unchanged.
 */
export async function runWithFailover<T>(
  candidates: readonly CompiledDeployment[],
  options: RunWithFailoverOptions,
  attempt: (input: AttemptInput) => Promise<T>,
): Promise<FailoverOutcome<T>> {
  const { failover, signal, now, sleep, keyRotation } = options;
  const deadline = now() + failover.deadlineMs;
  const attempts: FailoverAttempt[] = [];
  let lastError: GatewayError | undefined;

  for (const candidate of candidates) {
    for (let retry = 0; retry <= failover.retriesPerTarget; retry++) {
      if (attempts.length >= failover.maxAttempts) break;
      const remainingMs = deadline - now();
      if (remainingMs <= 0) break;
      const keyIndex = keyRotation.pick(candidate, now());
      const started = now();
      try {
        const result = await attempt({ candidate, keyIndex, attemptNumber: attempts.length + 1, remainingMs });
        attempts.push(record(candidate, 200, undefined, now() - started));
        return { result, candidate, attempts };
      } catch (error) {
        const failure = asGatewayError(error);
        attempts.push(record(candidate, failure.status, failure, now() - started));
        if (signal.aborted) throw failure;
        const decision = shouldFailOver(failure, failover);
        if (decision === 'stop') {
          if (attempts.length === 1) throw failure;
          throw new AllAttemptsFailedError(attempts, failure);
        }
        lastError = failure;
        if (failure.code === 'upstream_rate_limited') {
          keyRotation.rest(candidate, keyIndex, now() + (failure.retryAfterMs ?? 1_000));
        }
        if (decision === 'next-target') break;
        const delay = backoffDelayMs(retry, failover, failure.retryAfterMs);
        // A retry-after longer than the time left is better spent on another target.
        if (retry === failover.retriesPerTarget || now() + delay >= deadline) break;
        await sleep(delay, signal);
      }
    }
    if (attempts.length >= failover.maxAttempts || deadline - now() <= 0) break;
  }
  const last =
    lastError ??
    new UpstreamError('The overall deadline passed before any attempt could be made.', {
      code: 'deadline_exceeded',
      status: 504,
      fault: 'gateway',
    });
  throw new AllAttemptsFailedError(attempts, last);
}

function record(
  candidate: CompiledDeployment,
  status: number,
  error: GatewayError | undefined,
  latencyMs: number,
): FailoverAttempt {
  return {
    deploymentId: candidate.deployment.id,
    provider: candidate.account.providerType,
    model: candidate.model.providerModelId,
    status,
    code: error?.code ?? null,
    fault: error?.fault ?? null,
    latencyMs: Math.max(0, Math.round(latencyMs)),
  };
}

function asGatewayError(error: unknown): GatewayError {
  if (isGatewayError(error)) return error;
  return new GatewayError(`Gateway error: ${error instanceof Error ? error.message : String(error)}`, {
    code: 'gateway_internal_error',
    status: 500,
    fault: 'gateway',
    cause: error,
  });
}
