/**
 * Runs an async job at most once at a time and coalesces bursts: requests made while a run is in
 * progress are served by one more run after it, which sees every change they were made for.
 * A failed run is retried with capped backoff (fresh each attempt) until it succeeds or stops.
 */
export interface CoalescingRunnerOptions {
  job: () => Promise<void>;
  onError: (error: unknown, attempt: number) => void;
  initialBackoffMs?: number;
  maxBackoffMs?: number;
}

interface Waiter {
  resolve: () => void;
  reject: (error: Error) => void;
}

export class CoalescingRunner {
  private waiters: Waiter[] = [];
  private draining: Promise<void> | undefined;
  private stopped = false;
  private wakeSleeper: (() => void) | undefined;

  constructor(private readonly options: CoalescingRunnerOptions) {}

  /** Resolves after a run that started after this call has finished successfully. */
  request(): Promise<void> {
    if (this.stopped) return Promise.reject(new Error('snapshot publisher is stopped'));
    const done = new Promise<void>((resolve, reject) => this.waiters.push({ resolve, reject }));
    this.draining ??= this.drain().finally(() => {
      this.draining = undefined;
    });
    return done;
  }

  /** Stops retrying; waits for an attempt in flight, then rejects whatever is still waiting. */
  async stop(): Promise<void> {
    this.stopped = true;
    this.wakeSleeper?.();
    await this.draining;
    for (const waiter of this.waiters.splice(0))
      waiter.reject(new Error('snapshot publisher stopped'));
  }

  private async drain(): Promise<void> {
    while (this.waiters.length > 0 && !this.stopped) {
      // Everyone waiting now is served by the next successful run (it reads fresh state).
      const batch = this.waiters.splice(0);
      const succeeded = await this.runUntilSuccess(batch);
      if (!succeeded) {
        this.waiters.unshift(...batch);
        return;
      }
      for (const waiter of batch) waiter.resolve();
    }
  }

  private async runUntilSuccess(batch: Waiter[]): Promise<boolean> {
    let backoff = this.options.initialBackoffMs ?? 200;
    for (let attempt = 1; !this.stopped; attempt += 1) {
      try {
        await this.options.job();
        return true;
      } catch (error) {
        this.options.onError(error, attempt);
        await this.sleep(backoff);
        backoff = Math.min(backoff * 2, this.options.maxBackoffMs ?? 5_000);
        // Requests that arrived while we failed are covered by the next (fresh) attempt.
        batch.push(...this.waiters.splice(0));
      }
    }
    return false;
  }

  private sleep(milliseconds: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(resolve, milliseconds);
      this.wakeSleeper = () => {
        clearTimeout(timer);
        resolve();
      };
    });
  }
}
