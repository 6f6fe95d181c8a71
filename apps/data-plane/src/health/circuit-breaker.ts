import type { BreakerState } from '@switchyard/policy';

/** When a deployment's breaker opens and how it recovers. */
export interface CircuitBreakerOptions {
  /** Consecutive failures that open the breaker at once (a hard outage trips it fast). */
  consecutiveFailures: number;
  /** Outcomes remembered for the failure-rate rule. */
  windowSize: number;
  /** Fewest outcomes in the window before the rate rule may open the breaker. */
  minimumRequests: number;
  /** Failure share of the window (0..1) that opens the breaker. */
  failureRateThreshold: number;
  /** How long an open breaker refuses traffic before letting probes through. */
  coolDownMs: number;
  /** Probe requests allowed at once while half-open; that many successes close it. */
  probeRequests: number;
}

export const defaultCircuitBreakerOptions: CircuitBreakerOptions = {
  consecutiveFailures: 5,
  windowSize: 20,
  minimumRequests: 10,
  failureRateThreshold: 0.5,
  coolDownMs: 30_000,
  probeRequests: 1,
};

/**
 * What admission granted: a normal request, a half-open probe (its outcome decides the
 * breaker), or a refusal. Outcomes are reported with the ticket so a probe slot is always freed.
 */
export type BreakerTicket = 'pass' | 'probe' | 'refused';

/**
 * A per-deployment circuit breaker: closed → open (on N consecutive failures or a failure rate
 * over a sliding window of outcomes) → half-open after a cool-down (a few probes go through) →
 * closed on probe success, or open again on probe failure. Time is passed in, never read, so
 * tests drive it with a fake clock.
 */
export class CircuitBreaker {
  private current: BreakerState = 'closed';
  private consecutive = 0;
  /** Ring buffer of recent outcomes: 1 = failure, 0 = success. */
  private readonly window: Uint8Array;
  private windowCount = 0;
  private windowFailures = 0;
  private windowNext = 0;
  private openedAt: number | undefined;
  private retryAt: number | undefined;
  private probesInFlight = 0;
  private probeSuccesses = 0;

  constructor(private readonly options: CircuitBreakerOptions = defaultCircuitBreakerOptions) {
    this.window = new Uint8Array(Math.max(1, options.windowSize));
  }

  /** The state at `nowMs` (an open breaker whose cool-down passed reads as half-open). */
  state(nowMs: number): BreakerState {
    if (this.current === 'open' && this.retryAt !== undefined && nowMs >= this.retryAt) {
      this.current = 'half_open';
      this.probesInFlight = 0;
      this.probeSuccesses = 0;
    }
    return this.current;
  }

  /** True while requests would be refused (open, or half-open with every probe slot taken). */
  refuses(nowMs: number): boolean {
    const state = this.state(nowMs);
    return (
      state === 'open' ||
      (state === 'half_open' && this.probesInFlight >= this.options.probeRequests)
    );
  }

  /** Admits one request, reserving a probe slot when half-open. */
  admit(nowMs: number): BreakerTicket {
    const state = this.state(nowMs);
    if (state === 'closed') return 'pass';
    if (state === 'open' || this.probesInFlight >= this.options.probeRequests) return 'refused';
    this.probesInFlight += 1;
    return 'probe';
  }

  onSuccess(ticket: BreakerTicket): void {
    this.consecutive = 0;
    if (ticket === 'probe') {
      this.probesInFlight = Math.max(0, this.probesInFlight - 1);
      if (this.current !== 'half_open') return;
      this.probeSuccesses += 1;
      if (this.probeSuccesses >= this.options.probeRequests) this.close();
      return;
    }
    // A request admitted before the breaker opened says nothing about the provider now.
    if (this.current === 'closed') this.remember(0);
  }

  onFailure(ticket: BreakerTicket, nowMs: number): void {
    if (ticket === 'probe') {
      this.probesInFlight = Math.max(0, this.probesInFlight - 1);
      if (this.current === 'half_open') this.open(nowMs);
      return;
    }
    if (this.current !== 'closed') return;
    this.consecutive += 1;
    this.remember(1);
    const { consecutiveFailures, minimumRequests, failureRateThreshold } = this.options;
    const rateTripped =
      this.windowCount >= minimumRequests &&
      this.windowFailures / this.windowCount >= failureRateThreshold;
    if (this.consecutive >= consecutiveFailures || rateTripped) this.open(nowMs);
  }

  /** An outcome that says nothing about provider health (caller fault, client gone, busy). */
  onNeutral(ticket: BreakerTicket): void {
    if (ticket === 'probe') this.probesInFlight = Math.max(0, this.probesInFlight - 1);
  }

  snapshot(nowMs: number) {
    const state = this.state(nowMs);
    return {
      state,
      consecutiveFailures: this.consecutive,
      windowFailureRate: this.windowCount === 0 ? 0 : this.windowFailures / this.windowCount,
      windowSize: this.windowCount,
      openedAtMs: state === 'closed' ? undefined : this.openedAt,
      retryAtMs: state === 'open' ? this.retryAt : undefined,
    };
  }

  private remember(outcome: 0 | 1): void {
    if (this.windowCount === this.window.length)
      this.windowFailures -= this.window[this.windowNext]!;
    else this.windowCount += 1;
    this.window[this.windowNext] = outcome;
    this.windowFailures += outcome;
    this.windowNext = (this.windowNext + 1) % this.window.length;
  }

  private open(nowMs: number): void {
    this.current = 'open';
    this.openedAt = nowMs;
    this.retryAt = nowMs + this.options.coolDownMs;
    this.probesInFlight = 0;
    this.probeSuccesses = 0;
  }

  private close(): void {
    this.current = 'closed';
    this.consecutive = 0;
    this.window.fill(0);
    this.windowCount = 0;
    this.windowFailures = 0;
    this.windowNext = 0;
    this.openedAt = undefined;
    this.retryAt = undefined;
  }
}
