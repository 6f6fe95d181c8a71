import { GatewayError } from '@switchyard/errors';

/**
 * Throttles key guessing: a source address that failed authentication `maxFailures` times within
 * a minute is refused (429) without any key lookup until the minute passes. Per process and in
 * memory, so a flood of bad keys costs neither Redis nor the snapshot.
 */
export class AuthFailureLimiter {
  private readonly failures = new Map<string, { count: number; windowStart: number }>();

  constructor(
    private readonly maxFailures = 20,
    private readonly windowMs = 60_000,
    private readonly maxTrackedSources = 50_000,
  ) {}

  /** Throws when the source is currently blocked. */
  check(source: string, nowMs: number): void {
    const entry = this.failures.get(source);
    if (!entry || nowMs - entry.windowStart >= this.windowMs || entry.count < this.maxFailures)
      return;
    throw new GatewayError(
      'Too many failed authentication attempts from this address; try again later.',
      {
        code: 'too_many_auth_failures',
        status: 429,
        fault: 'caller',
        retryAfterMs: entry.windowStart + this.windowMs - nowMs,
      },
    );
  }

  recordFailure(source: string, nowMs: number): void {
    const entry = this.failures.get(source);
    if (entry && nowMs - entry.windowStart < this.windowMs) {
      entry.count += 1;
      return;
    }
    if (this.failures.size >= this.maxTrackedSources) this.evictExpired(nowMs);
    this.failures.set(source, { count: 1, windowStart: nowMs });
  }

  private evictExpired(nowMs: number): void {
    for (const [source, entry] of this.failures) {
      if (nowMs - entry.windowStart >= this.windowMs) this.failures.delete(source);
    }
    // Still full (a wide attack): forget the oldest half rather than grow without bound.
    if (this.failures.size >= this.maxTrackedSources) {
      let drop = this.failures.size / 2;
      for (const source of this.failures.keys()) {
        if (drop-- <= 0) break;
        this.failures.delete(source);
      }
    }
  }
}
