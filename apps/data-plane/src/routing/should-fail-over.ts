import type { GatewayError } from '@switchyard/errors';
import type { Failover } from '@switchyard/policy';

export type FailoverDecision = 'retry-same' | 'next-target' | 'stop';

/**
 * Pure decision: given an attempt's error and the policy, retry the same target, move to the
 * next one, or give up. `retryOn` lists the error classes that may fail over at all. Caller faults (bad request, context too long for every target) stop at
 * once; provider credential/404 problems skip straight to another target, since retrying the
 * same one cannot help.
 */
export function shouldFailOver(error: GatewayError, failover: Failover): FailoverDecision {
  // Our own refusals of one deployment (at its concurrency limit, breaker open) say nothing about
  // the others: always try the next target, without counting them as a provider retry.
  if (error.code === 'deployment_busy' || error.code === 'open_breaker') return 'next-target';
  if (error.fault === 'caller' || error.fault === 'policy') return 'stop';
  const trigger = retryTrigger(error);
  if (trigger === 'always-next') return 'next-target';
  if (trigger === undefined || !failover.retryOn.includes(trigger)) return 'stop';
  return error.code === 'upstream_quota_exceeded' ? 'next-target' : 'retry-same';
}

function retryTrigger(
  error: GatewayError,
): Failover['retryOn'][number] | 'always-next' | undefined {
  switch (error.code) {
    case 'upstream_connect_error':
      return 'connect';
    case 'upstream_connect_timeout':
    case 'upstream_timeout':
    case 'upstream_first_token_timeout':
      return error.status === 408 ? '408' : 'timeout';
    case 'upstream_rate_limited':
    case 'upstream_quota_exceeded':
      return '429';
    case 'upstream_authentication':
    case 'upstream_not_found':
      return 'always-next';
    default:
      if (error.status === 408) return '408';
      if (error.status === 429) return '429';
      if (error.status >= 500) return '5xx';
      return undefined;
  }
}

/** Exponential backoff with full jitter, never shorter than the provider's retry-after. */
export function backoffDelayMs(
  retryIndex: number,
  failover: Failover,
  retryAfterMs: number | undefined,
  random: () => number = Math.random,
): number {
  const exponential = Math.min(failover.maxBackoffMs, failover.backoffMs * 2 ** retryIndex);
  const jittered = Math.floor(random() * exponential);
  return Math.max(jittered, retryAfterMs ?? 0);
}
