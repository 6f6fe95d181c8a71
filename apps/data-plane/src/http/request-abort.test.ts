import { describe, expect, it } from 'vitest';
import { RequestAbort } from './request-abort.js';

describe('RequestAbort', () => {
  it('fires each listener once, with the first reason only', () => {
    const abort = new RequestAbort();
    const seen: unknown[] = [];
    abort.signal.addEventListener('abort', () => seen.push(abort.signal.reason), { once: true });
    const first = new Error('client disconnected');
    abort.abort(first);
    abort.abort(new Error('second'));
    expect(seen).toEqual([first]);
    expect(abort.signal.aborted).toBe(true);
    expect(abort.signal.reason).toBe(first);
  });

  it('defaults the reason to an AbortError like AbortController does', () => {
    const abort = new RequestAbort();
    abort.abort();
    expect(abort.reason).toBeInstanceOf(DOMException);
    expect((abort.reason as DOMException).name).toBe('AbortError');
  });

  it('does not call a listener that was removed', () => {
    const abort = new RequestAbort();
    let calls = 0;
    const listener = () => calls++;
    abort.addEventListener('abort', listener);
    abort.removeEventListener('abort', listener);
    abort.abort();
    expect(calls).toBe(0);
    expect(abort.listenerCount).toBe(0);
  });
});
