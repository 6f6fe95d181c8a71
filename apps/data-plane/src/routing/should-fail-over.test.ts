import { GatewayError, UpstreamError } from '@switchyard/errors';
import { failoverSchema } from '@switchyard/policy';
import { describe, expect, it } from 'vitest';
import { backoffDelayMs, shouldFailOver } from './should-fail-over.js';

const failover = failoverSchema.parse({});
const error = (
  code: string,
  status: number,
  fault: 'caller' | 'policy' | 'provider' = 'provider',
) => new UpstreamError(code, { code, status, fault });

describe('shouldFailOver', () => {
  it('retries provider failures the policy lists and stops on caller faults', () => {
    expect(shouldFailOver(error('upstream_connect_error', 502), failover)).toBe('retry-same');
    expect(shouldFailOver(error('upstream_timeout', 504), failover)).toBe('retry-same');
    expect(shouldFailOver(error('upstream_server_error', 503), failover)).toBe('retry-same');
    expect(shouldFailOver(error('upstream_quota_exceeded', 429), failover)).toBe('next-target');
    expect(shouldFailOver(error('upstream_authentication', 502), failover)).toBe('next-target');
    expect(shouldFailOver(error('upstream_bad_request', 400, 'caller'), failover)).toBe('stop');
  });

  it('treats busy and open-breaker refusals as "try the next target"', () => {
    const busy = new GatewayError('busy', {
      code: 'deployment_busy',
      status: 429,
      fault: 'policy',
    });
    expect(shouldFailOver(busy, failover)).toBe('next-target');
    expect(shouldFailOver(error('open_breaker', 503), failover)).toBe('next-target');
  });

  it('honours retryOn', () => {
    expect(
      shouldFailOver(
        error('upstream_rate_limited', 429),
        failoverSchema.parse({ retryOn: ['5xx'] }),
      ),
    ).toBe('stop');
  });
});

describe('backoffDelayMs', () => {
  it('is exponential with full jitter, capped, and never shorter than retry-after', () => {
    expect(backoffDelayMs(0, failover, undefined, () => 0.5)).toBe(50);
    expect(backoffDelayMs(3, failover, undefined, () => 0.999)).toBe(799);
    expect(backoffDelayMs(10, failover, undefined, () => 0.999)).toBe(1_998);
    expect(backoffDelayMs(0, failover, 1_500, () => 0.5)).toBe(1_500);
  });
});
