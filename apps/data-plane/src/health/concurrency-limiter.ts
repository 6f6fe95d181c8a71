import { GatewayError } from '@switchyard/errors';
import type { AbortSignalLike } from '../http/request-abort.js';

/** A held slot on a deployment; release exactly once (extra calls are ignored). */
export interface Permit {
  release(): void;
}

interface Waiter {
  grant: (permit: Permit) => void;
}

interface Slots {
  inFlight: number;
  queue: Waiter[];
}

export interface AcquireOptions {
  /** deployment.maxConcurrency; undefined = unlimited (the request is only counted). */
  limit: number | undefined;
  /** Time left before the request's deadline: a wait longer than this is pointless. */
  remainingMs: number;
  /** Typical time a request holds a slot (moving latency), to predict the queue wait. */
  typicalHoldMs: number | undefined;
  signal: AbortSignalLike;
}

/**
 * Per-deployment concurrency limits with a bounded FIFO wait queue. A request queues rather
 * than being dropped, unless the queue is full or the predicted wait (queue position ÷ limit ×
 * typical hold time) would outlast its deadline — then it fails at once with 429
 * `deployment_busy`, which failover treats as "try the next target". A queued request whose
 * wait runs out fails the same way. Also counts requests in flight for least-busy routing.
 */
export class ConcurrencyLimiter {
  private readonly slots = new Map<string, Slots>();

  /** @param queueFactor queue bound as a multiple of the limit (at least `minimumQueue`). */
  constructor(
    private readonly queueFactor = 8,
    private readonly minimumQueue = 16,
  ) {}

  inFlight(deploymentId: string): number {
    return this.slots.get(deploymentId)?.inFlight ?? 0;
  }

  queued(deploymentId: string): number {
    return this.slots.get(deploymentId)?.queue.length ?? 0;
  }

  /** A permit now, a promise of one after queueing, or a thrown/rejected `deployment_busy`. */
  acquire(deploymentId: string, options: AcquireOptions): Permit | Promise<Permit> {
    const slots = this.slotsOf(deploymentId);
    const { limit } = options;
    if (limit === undefined || (slots.inFlight < limit && slots.queue.length === 0)) {
      slots.inFlight += 1;
      return this.permit(deploymentId, slots);
    }
    const position = slots.queue.length + 1;
    if (position > Math.max(this.minimumQueue, limit * this.queueFactor)) {
      throw busyError(
        deploymentId,
        `its wait queue is full (${slots.queue.length} waiting)`,
        options.typicalHoldMs,
      );
    }
    const predictedWaitMs =
      options.typicalHoldMs === undefined ? 0 : Math.ceil(position / limit) * options.typicalHoldMs;
    if (predictedWaitMs > options.remainingMs) {
      throw busyError(
        deploymentId,
        `the predicted wait (${predictedWaitMs} ms) exceeds the ${Math.round(options.remainingMs)} ms left`,
        predictedWaitMs,
      );
    }
    return new Promise<Permit>((resolve, reject) => {
      const leave = () => {
        const index = slots.queue.indexOf(waiter);
        if (index !== -1) slots.queue.splice(index, 1);
        clearTimeout(timer);
        options.signal.removeEventListener('abort', onAbort);
      };
      const onAbort = () => {
        leave();
        reject(options.signal.reason as Error);
      };
      const timer = setTimeout(
        () => {
          leave();
          reject(
            busyError(
              deploymentId,
              `no slot freed up within the ${Math.round(options.remainingMs)} ms left`,
              options.typicalHoldMs,
            ),
          );
        },
        Math.max(0, options.remainingMs),
      );
      const waiter: Waiter = {
        grant: (permit) => {
          leave();
          resolve(permit);
        },
      };
      if (options.signal.aborted) return onAbort();
      options.signal.addEventListener('abort', onAbort, { once: true });
      slots.queue.push(waiter);
    });
  }

  private permit(deploymentId: string, slots: Slots): Permit {
    let released = false;
    return {
      release: () => {
        if (released) return;
        released = true;
        // Hand the slot straight to the next waiter, so a queued request cannot be overtaken.
        const next = slots.queue.shift();
        if (next) {
          next.grant(this.permit(deploymentId, slots));
          return;
        }
        slots.inFlight -= 1;
        if (slots.inFlight === 0) this.slots.delete(deploymentId);
      },
    };
  }

  private slotsOf(deploymentId: string): Slots {
    let slots = this.slots.get(deploymentId);
    if (!slots) {
      slots = { inFlight: 0, queue: [] };
      this.slots.set(deploymentId, slots);
    }
    return slots;
  }
}

function busyError(
  deploymentId: string,
  why: string,
  retryAfterMs: number | undefined,
): GatewayError {
  return new GatewayError(`Deployment ${deploymentId} is at its concurrency limit: ${why}.`, {
    code: 'deployment_busy',
    status: 429,
    fault: 'policy',
    retryable: true,
    retryAfterMs: Math.max(1_000, retryAfterMs ?? 1_000),
  });
}
