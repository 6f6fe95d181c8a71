import { GatewayError, InvalidRequestError, isGatewayError } from '@switchyard/errors';
import type { FailoverAttempt } from '@switchyard/usage';
import type { CompiledDeployment } from '../snapshot/compiled-snapshot.js';

/** Thrown when every allowed target failed; lists each attempt so the caller sees why. */
export class AllAttemptsFailedError extends GatewayError {
  constructor(
    readonly attempts: FailoverAttempt[],
    last: GatewayError,
  ) {
    const summary = attempts
      .map(
        (attempt) =>
          `${attempt.deploymentId} (${attempt.provider}/${attempt.model}): ${attempt.code ?? attempt.status}`,
      )
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

/** The attempt log entry for one try (status 0: no provider answer, e.g. skipped or refused). */
export function attemptRecord(
  candidate: CompiledDeployment,
  status: number,
  error: GatewayError | undefined,
  latencyMs: number,
): FailoverAttempt {
  return {
    deploymentId: candidate.id,
    provider: candidate.provider,
    model: candidate.model.providerModelId,
    status,
    code: error?.code ?? null,
    fault: error?.fault ?? null,
    latencyMs: Math.max(0, Math.round(latencyMs)),
  };
}

/** A breaker opened while this request was failing over: the deployment is skipped, not called. */
export function openBreakerError(candidate: CompiledDeployment): GatewayError {
  return new GatewayError(`Deployment ${candidate.name} is failing (circuit open); skipped.`, {
    code: 'open_breaker',
    status: 503,
    fault: 'provider',
    retryable: true,
  });
}

/**
 * The provider said the prompt does not fit. Names the model's window so the caller knows what
 * to cut; the provider's own message is kept for the exact figure it computed.
 */
export function contextLengthError(
  candidate: CompiledDeployment,
  cause: GatewayError,
  larger: boolean,
): GatewayError {
  const model = candidate.model;
  const why = larger
    ? 'and no allowed target has a larger window'
    : 'and the route does not allow moving it to a larger-context target';
  return new InvalidRequestError(
    `The prompt is too long for ${model.canonicalId}, whose context window is ${model.contextWindow} tokens, ${why}. Shorten the prompt or lower max_tokens. (${cause.message})`,
    { code: 'context_length_exceeded', param: 'messages', cause },
  );
}

export function asGatewayError(error: unknown): GatewayError {
  if (isGatewayError(error)) return error;
  return new GatewayError(
    `Gateway error: ${error instanceof Error ? error.message : String(error)}`,
    {
      code: 'gateway_internal_error',
      status: 500,
      fault: 'gateway',
      cause: error,
    },
  );
}
