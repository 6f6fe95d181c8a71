/**
 * Per-process sliding-window counters, used only while Redis is unreachable so that rate limits
 * still hold (per replica) instead of vanishing. Old windows are pruned as new ones appear.
 */
export class LocalRateWindows {
  private readonly counts = new Map<string, number>();

  estimate(currentKey: string, previousKey: string, elapsedMs: number): number {
    const current = this.counts.get(currentKey) ?? 0;
    const previous = this.counts.get(previousKey) ?? 0;
    return current + (previous * (60_000 - elapsedMs)) / 60_000;
  }

  add(key: string, amount: number): void {
    if (!this.counts.has(key) && this.counts.size > 10_000) this.prune();
    this.counts.set(key, (this.counts.get(key) ?? 0) + amount);
  }

  private prune(): void {
    const keep = [...this.counts.entries()].slice(-5_000);
    this.counts.clear();
    for (const [key, value] of keep) this.counts.set(key, value);
  }
}
