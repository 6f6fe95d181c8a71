import { describe, expect, it } from 'vitest';
import { ConcurrencyLimiter, type Permit } from './concurrency-limiter.js';

const signal = new AbortController().signal;
const options = (overrides: Partial<Parameters<ConcurrencyLimiter['acquire']>[1]> = {}) => ({
  limit: 1,
  remainingMs: 10_000,
  typicalHoldMs: undefined,
  signal,
  ...overrides,
});

describe('ConcurrencyLimiter', () => {
  it('counts requests in flight, unlimited when the deployment has no limit', async () => {
    const limiter = new ConcurrencyLimiter();
    const first = await limiter.acquire('d', options({ limit: undefined }));
    const second = await limiter.acquire('d', options({ limit: undefined }));
    expect(limiter.inFlight('d')).toBe(2);
    first.release();
    first.release();
    expect(limiter.inFlight('d')).toBe(1);
    second.release();
    expect(limiter.inFlight('d')).toBe(0);
  });

  it('queues beyond the limit and hands slots over in arrival order', async () => {
    const limiter = new ConcurrencyLimiter();
    const held = (await limiter.acquire('d', options())) as Permit;
    const order: string[] = [];
    const second = Promise.resolve(limiter.acquire('d', options())).then(
      (permit) => (order.push('second'), permit),
    );
    const third = Promise.resolve(limiter.acquire('d', options())).then(
      (permit) => (order.push('third'), permit),
    );
    expect(limiter.queued('d')).toBe(2);
    held.release();
    (await second).release();
    (await third).release();
    expect(order).toEqual(['second', 'third']);
    expect(limiter.inFlight('d')).toBe(0);
  });

  it('refuses with 429 deployment_busy when the predicted wait exceeds the time left', async () => {
    const limiter = new ConcurrencyLimiter();
    await limiter.acquire('d', options());
    expect(() => limiter.acquire('d', options({ typicalHoldMs: 500, remainingMs: 400 }))).toThrow(
      expect.objectContaining({ code: 'deployment_busy', status: 429 }),
    );
    expect(limiter.queued('d')).toBe(0);
  });

  it('refuses when the bounded queue is full', async () => {
    const limiter = new ConcurrencyLimiter(1, 2);
    await limiter.acquire('d', options());
    void Promise.resolve(limiter.acquire('d', options({ remainingMs: 50 }))).catch(() => undefined);
    void Promise.resolve(limiter.acquire('d', options({ remainingMs: 50 }))).catch(() => undefined);
    expect(() => limiter.acquire('d', options())).toThrow(
      expect.objectContaining({ code: 'deployment_busy' }),
    );
  });

  it('fails a queued request with deployment_busy when no slot frees up in time', async () => {
    const limiter = new ConcurrencyLimiter();
    await limiter.acquire('d', options());
    await expect(limiter.acquire('d', options({ remainingMs: 20 }))).rejects.toMatchObject({
      code: 'deployment_busy',
      status: 429,
    });
    expect(limiter.queued('d')).toBe(0);
  });

  it('leaves the queue when the request is aborted', async () => {
    const limiter = new ConcurrencyLimiter();
    await limiter.acquire('d', options());
    const abort = new AbortController();
    const waiting = limiter.acquire('d', options({ signal: abort.signal }));
    abort.abort(new Error('client gone'));
    await expect(waiting).rejects.toThrow('client gone');
    expect(limiter.queued('d')).toBe(0);
  });
});
