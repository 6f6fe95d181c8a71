/** The part of AbortSignal the gateway relies on; AbortSignal and RequestAbort both satisfy it. */
export interface AbortSignalLike {
  readonly aborted: boolean;
  readonly reason: unknown;
  addEventListener(type: 'abort', listener: () => void, options?: { once?: boolean }): void;
  removeEventListener(type: 'abort', listener: () => void): void;
}

/**
 * One request's cancellation (client gone, deadline): an AbortController for the hot path.
 * Node's AbortSignal is an EventTarget; creating it and adding/removing listeners cost ~10 µs per
 * request in the saturation profile. This is a plain listener list with the same methods, which
 * undici also accepts as a request `signal`. `abort` fires at most once, so every listener runs
 * at most once.
 */
export class RequestAbort implements AbortSignalLike {
  aborted = false;
  reason: unknown = undefined;
  private listeners: (() => void)[] = [];

  /** Itself, so callers read `abort.signal` exactly as with an AbortController. */
  get signal(): RequestAbort {
    return this;
  }

  /** Aborts with `reason` (an AbortError by default); later calls do nothing. */
  abort(reason: unknown = new DOMException('This operation was aborted', 'AbortError')): void {
    if (this.aborted) return;
    this.aborted = true;
    this.reason = reason;
    const listeners = this.listeners;
    this.listeners = [];
    for (const listener of listeners) listener();
  }

  addEventListener(_type: 'abort', listener: () => void, _options?: { once?: boolean }): void {
    if (!this.aborted) this.listeners.push(listener);
  }

  removeEventListener(_type: 'abort', listener: () => void): void {
    const index = this.listeners.lastIndexOf(listener);
    if (index !== -1) this.listeners.splice(index, 1);
  }

  /** Listeners still waiting for an abort (for tests and leak checks). */
  get listenerCount(): number {
    return this.listeners.length;
  }
}
