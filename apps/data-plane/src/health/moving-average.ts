/**
 * An exponentially weighted moving average: each sample moves the value `alpha` of the way
 * towards itself, so recent behaviour dominates and one outlier fades in a few samples. The
 * time of the last sample is kept so readers can treat old data as unknown (a deployment that
 * got no traffic for a while deserves to be measured again, not judged on its past).
 */
export class MovingAverage {
  private current: number | undefined;
  private updatedAtMs = 0;
  private count = 0;

  constructor(private readonly alpha: number) {}

  add(sample: number, nowMs: number): void {
    this.current =
      this.current === undefined ? sample : this.current + this.alpha * (sample - this.current);
    this.updatedAtMs = nowMs;
    this.count += 1;
  }

  /** The average, or undefined before the first sample or once older than `staleAfterMs`. */
  value(nowMs: number, staleAfterMs: number): number | undefined {
    if (this.current === undefined || nowMs - this.updatedAtMs > staleAfterMs) return undefined;
    return this.current;
  }

  /** The average regardless of age (for reports). */
  get last(): number | undefined {
    return this.current;
  }

  get samples(): number {
    return this.count;
  }
}
