import { describe, expect, it } from 'vitest';
import { CoalescingRunner } from './coalescing-runner.js';

describe('CoalescingRunner', () => {
  it('runs a burst of requests as one run plus one more after it', async () => {
    let runs = 0;
    let release: () => void = () => undefined;
    const runner = new CoalescingRunner({
      job: async () => {
        runs += 1;
        if (runs === 1) await new Promise<void>((resolve) => (release = resolve));
      },
      onError: () => undefined,
    });
    const first = runner.request();
    await new Promise((resolve) => setTimeout(resolve, 5));
    const burst = Array.from({ length: 10 }, () => runner.request());
    release();
    await Promise.all([first, ...burst]);
    expect(runs).toBe(2);
  });

  it('retries a failing run until it succeeds', async () => {
    let attempts = 0;
    const errors: number[] = [];
    const runner = new CoalescingRunner({
      job: async () => {
        attempts += 1;
        if (attempts < 3) throw new Error('redis down');
      },
      onError: (_error, attempt) => errors.push(attempt),
      initialBackoffMs: 1,
    });
    await runner.request();
    expect(attempts).toBe(3);
    expect(errors).toEqual([1, 2]);
  });

  it('rejects waiters when stopped while failing', async () => {
    const runner = new CoalescingRunner({
      job: async () => {
        throw new Error('always');
      },
      onError: () => undefined,
      initialBackoffMs: 1_000,
    });
    const pending = runner.request();
    await new Promise((resolve) => setTimeout(resolve, 5));
    await runner.stop();
    await expect(pending).rejects.toThrow(/stopped/);
    await expect(runner.request()).rejects.toThrow(/stopped/);
  });
});
