import { InvalidRequestError, UpstreamError } from '@switchyard/errors';
import { describe, expect, it } from 'vitest';
import { HealthRegistry } from './health-registry.js';

const providerFailure = (code = 'upstream_server_error') =>
  new UpstreamError(code, { code, status: 502, fault: 'provider' });

describe('HealthRegistry', () => {
  it('knows nothing about an idle deployment it never saw', () => {
    expect(new HealthRegistry().view('d', 0, 0)).toBeUndefined();
  });

  it('keeps moving averages of latency, TTFT and error rate', () => {
    const health = new HealthRegistry({ latencyAlpha: 0.5, errorAlpha: 0.5 });
    health.recordSuccess('d', health.admit('d', 0), 'latency', 100, 0);
    health.recordSuccess('d', health.admit('d', 0), 'latency', 300, 0);
    health.recordSuccess('d', health.admit('d', 0), 'ttft', 40, 0);
    health.recordFailure('d', health.admit('d', 0), providerFailure(), 5, 0);
    expect(health.view('d', 0, 3)).toMatchObject({
      latencyMs: 200,
      ttftMs: 40,
      errorRate: 0.5,
      inFlight: 3,
      breakerOpen: false,
    });
  });

  it('treats timeouts as slow samples too', () => {
    const health = new HealthRegistry({ latencyAlpha: 1 });
    health.recordFailure('d', health.admit('d', 0), providerFailure('upstream_timeout'), 5_000, 0);
    expect(health.view('d', 0, 0)?.latencyMs).toBe(5_000);
  });

  it("never counts the caller's faults against the provider", () => {
    const health = new HealthRegistry();
    for (let index = 0; index < 10; index++)
      health.recordFailure('d', health.admit('d', 0), new InvalidRequestError('bad'), 5, 0);
    expect(health.describe('d', 0)).toMatchObject({
      errorRate: 0,
      breaker: { state: 'closed', consecutiveFailures: 0 },
    });
  });

  it('forgets stale latency so a deployment gets measured again', () => {
    const health = new HealthRegistry({ staleAfterMs: 1_000 });
    health.recordSuccess('d', health.admit('d', 0), 'latency', 100, 0);
    expect(health.view('d', 500, 0)?.latencyMs).toBe(100);
    expect(health.view('d', 1_001, 0)?.latencyMs).toBeUndefined();
  });

  it('shows an open breaker to routing with its retry time', () => {
    const health = new HealthRegistry();
    for (let index = 0; index < 5; index++)
      health.recordFailure('d', health.admit('d', 0), providerFailure(), 5, 0);
    expect(health.view('d', 10, 0)).toMatchObject({ breakerOpen: true, retryAtMs: 30_000 });
    health.retainOnly(new Set());
    expect(health.view('d', 10, 0)).toBeUndefined();
  });
});
