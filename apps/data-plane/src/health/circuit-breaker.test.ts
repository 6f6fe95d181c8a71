import { describe, expect, it } from 'vitest';
import { CircuitBreaker, type CircuitBreakerOptions } from './circuit-breaker.js';

const options: CircuitBreakerOptions = {
  consecutiveFailures: 3,
  windowSize: 10,
  minimumRequests: 6,
  failureRateThreshold: 0.5,
  coolDownMs: 1_000,
  probeRequests: 1,
};

function fail(breaker: CircuitBreaker, nowMs: number, times = 1): void {
  for (let index = 0; index < times; index++) breaker.onFailure(breaker.admit(nowMs), nowMs);
}

function succeed(breaker: CircuitBreaker, nowMs: number, times = 1): void {
  for (let index = 0; index < times; index++) breaker.onSuccess(breaker.admit(nowMs));
}

describe('CircuitBreaker', () => {
  it('opens after N consecutive failures and refuses until the cool-down passed', () => {
    const breaker = new CircuitBreaker(options);
    fail(breaker, 0, 2);
    expect(breaker.state(0)).toBe('closed');
    fail(breaker, 0);
    expect(breaker.state(0)).toBe('open');
    expect(breaker.admit(999)).toBe('refused');
    expect(breaker.snapshot(500)).toMatchObject({ state: 'open', openedAtMs: 0, retryAtMs: 1_000 });
  });

  it('opens on the failure rate of the window even without a consecutive run', () => {
    const breaker = new CircuitBreaker(options);
    for (let index = 0; index < 3; index++) {
      succeed(breaker, 0);
      expect(breaker.state(0)).toBe('closed');
      fail(breaker, 0);
    }
    expect(breaker.state(0)).toBe('open');
  });

  it('does not trip on the rate before the minimum number of requests', () => {
    const breaker = new CircuitBreaker({ ...options, consecutiveFailures: 100 });
    fail(breaker, 0);
    succeed(breaker, 0);
    fail(breaker, 0, 2);
    expect(breaker.state(0)).toBe('closed');
  });

  it('half-opens after the cool-down with a limited number of probes, and closes on success', () => {
    const breaker = new CircuitBreaker(options);
    fail(breaker, 0, 3);
    expect(breaker.state(1_000)).toBe('half_open');
    const probe = breaker.admit(1_000);
    expect(probe).toBe('probe');
    expect(breaker.admit(1_000)).toBe('refused');
    breaker.onSuccess(probe);
    expect(breaker.state(1_000)).toBe('closed');
    expect(breaker.snapshot(1_000)).toMatchObject({ consecutiveFailures: 0, windowSize: 0 });
  });

  it('reopens for another cool-down when a probe fails', () => {
    const breaker = new CircuitBreaker(options);
    fail(breaker, 0, 3);
    fail(breaker, 1_500);
    expect(breaker.state(1_500)).toBe('open');
    expect(breaker.state(2_499)).toBe('open');
    expect(breaker.state(2_500)).toBe('half_open');
  });

  it('frees a probe slot on a neutral outcome without changing state', () => {
    const breaker = new CircuitBreaker(options);
    fail(breaker, 0, 3);
    const probe = breaker.admit(1_000);
    breaker.onNeutral(probe);
    expect(breaker.state(1_000)).toBe('half_open');
    expect(breaker.admit(1_000)).toBe('probe');
  });

  it('ignores late outcomes of requests admitted before it opened', () => {
    const breaker = new CircuitBreaker(options);
    const early = breaker.admit(0);
    fail(breaker, 0, 3);
    breaker.onSuccess(early);
    expect(breaker.state(10)).toBe('open');
  });
});
