import { randomUUID } from 'node:crypto';
import { CorruptSpoolFileError, SpoolStore } from './spool-store.js';
import { UsageBatchSender } from './usage-batch-sender.js';
import type {
  UsageEmitter,
  UsageEmitterLogger,
  UsageEmitterOptions,
  UsageEmitterStats,
} from './usage-emitter.js';
import type { UsageBatch, UsageEventInput } from './usage-event.js';
import { usageEventSchema } from './usage-event.js';

const silentLogger: UsageEmitterLogger = { info() {}, warn() {}, error() {} };

export function createUsageEmitter(options: UsageEmitterOptions): UsageEmitter {
  return new DurableUsageEmitter(options);
}

/**
 * Batches usage events into BullMQ jobs. While Redis is unreachable it keeps up to
 * `maxMemoryEvents` in memory, spills older batches to fsync'd spool files, and replays the spool
 * (oldest first, each file deleted only once its batches were accepted) when Redis returns.
 * One drain loop runs at a time, so only it moves batches between memory, disk and the queue.
 */
class DurableUsageEmitter implements UsageEmitter {
  private readonly batchSize: number;
  private readonly maxMemoryEvents: number;
  private readonly hardMemoryLimit: number;
  private readonly closeTimeoutMs: number;
  private readonly validateEvents: boolean;
  private readonly logger: UsageEmitterLogger;
  private readonly spool: SpoolStore;
  private readonly sender: UsageBatchSender;
  private readonly ready: Promise<void>;
  private readonly timer: NodeJS.Timeout;

  private pending: UsageEventInput[] = [];
  /** Validated batches with fixed ids, oldest first; a re-send keeps its id. */
  private readonly batches: UsageBatch[] = [];
  private batchedEvents = 0;
  private counters = { spooled: 0, spoolFiles: 0, sent: 0, dropped: 0 };
  private available = true;
  private closed = false;
  private draining: Promise<void> | undefined;
  private drainAgain = false;
  private drainScheduled = false;
  /** Set by close(): every send loop stops at this instant. */
  private stopBy = Infinity;
  private lastQueueErrorLogAt = 0;

  constructor(options: UsageEmitterOptions) {
    this.batchSize = positive('batchSize', options.batchSize ?? 100);
    this.maxMemoryEvents = positive('maxMemoryEvents', options.maxMemoryEvents ?? 10_000);
    // Past this, spilling is not keeping up (disk full or failing): drop rather than run out of memory.
    this.hardMemoryLimit = this.maxMemoryEvents * 10;
    this.closeTimeoutMs = options.closeTimeoutMs ?? 5_000;
    this.validateEvents = options.validateEvents ?? true;
    this.logger = options.logger ?? silentLogger;
    this.spool = new SpoolStore(options.spoolDirectory);
    const connection = options.connection ?? options.redisUrl;
    if (connection === undefined)
      throw new TypeError('createUsageEmitter needs connection or redisUrl');
    this.sender = new UsageBatchSender({
      connection,
      prefix: options.prefix,
      enqueueTimeoutMs: options.enqueueTimeoutMs ?? 2_000,
      onError: (error) => this.logQueueError(error),
    });
    this.ready = this.loadSpool();
    const flushIntervalMs = positive('flushIntervalMs', options.flushIntervalMs ?? 250);
    this.timer = setInterval(() => this.onTick(), flushIntervalMs);
    // Buffered events are flushed by close(), so the timer must not keep the process alive.
    this.timer.unref();
  }

  emit(event: UsageEventInput): void {
    if (this.closed) {
      this.drop(1, 'usage event emitted after close', { requestId: event.requestId });
      return;
    }
    if (this.pending.length + this.batchedEvents >= this.hardMemoryLimit) {
      this.drop(1, 'usage buffer full and spool not keeping up', { requestId: event.requestId });
      return;
    }
    this.pending.push(event);
    if (this.pending.length >= this.batchSize && !this.drainScheduled) {
      this.drainScheduled = true;
      setImmediate(() => {
        this.drainScheduled = false;
        if (!this.closed) void this.requestDrain();
      });
    }
  }

  async flush(): Promise<void> {
    await this.requestDrain();
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.stopBy = Date.now() + this.closeTimeoutMs;
    clearInterval(this.timer);
    await this.ready;
    await this.draining;
    while (this.sender.isReady() && !this.pastStop() && this.hasWork()) {
      const sentBefore = this.counters.sent;
      await this.drainOnce();
      if (this.counters.sent === sentBefore) break;
    }
    this.cutBatches(true);
    if (this.batchedEvents > 0) await this.spill(0);
    if (this.batchedEvents > 0) {
      this.logger.error(
        { events: this.batchedEvents },
        'usage events lost on close: spool not writable',
      );
      this.counters.dropped += this.batchedEvents;
    }
    await this.sender.close();
  }

  stats(): UsageEmitterStats {
    return {
      buffered: this.pending.length + this.batchedEvents,
      spooled: this.counters.spooled,
      spoolFiles: this.counters.spoolFiles,
      sent: this.counters.sent,
      dropped: this.counters.dropped,
      redisAvailable: this.available && this.sender.isReady() ? 1 : 0,
    };
  }

  private hasWork(): boolean {
    return (
      this.pending.length + this.batchedEvents + this.counters.spooled > 0 ||
      this.counters.spoolFiles > 0
    );
  }

  private onTick(): void {
    if (this.hasWork()) void this.requestDrain();
  }

  private requestDrain(): Promise<void> {
    if (this.draining) {
      this.drainAgain = true;
      return this.draining;
    }
    this.draining = (async () => {
      try {
        do {
          this.drainAgain = false;
          await this.drainOnce();
        } while (this.drainAgain);
      } catch (error) {
        this.logger.error({ err: errorMessage(error) }, 'usage drain failed');
      } finally {
        this.draining = undefined;
      }
    })();
    return this.draining;
  }

  private pastStop(): boolean {
    return Date.now() >= this.stopBy;
  }

  private async drainOnce(): Promise<void> {
    await this.ready;
    const reachable = this.sender.isReady();
    // While Redis is down only full batches are cut, so the spool does not fill with tiny ones.
    this.cutBatches(reachable);
    let delivered = false;
    if (reachable) delivered = (await this.replaySpool()) && (await this.sendBatches());
    this.setAvailable(reachable && (delivered || !this.hasWork()));
    if (!this.available) await this.spill(this.maxMemoryEvents);
  }

  /** Validates pending events and groups them into batches with stable ids. */
  private cutBatches(includePartial: boolean): void {
    while (this.pending.length >= this.batchSize || (includePartial && this.pending.length > 0)) {
      const events = this.pending.splice(0, this.batchSize).filter((event) => this.isValid(event));
      if (events.length === 0) continue;
      this.batches.push({ batchId: randomUUID(), events });
      this.batchedEvents += events.length;
    }
  }

  private isValid(event: UsageEventInput): boolean {
    const parsed = this.validateEvents ? usageEventSchema.safeParse(event) : undefined;
    if (parsed && !parsed.success) {
      const issues = parsed.error.issues.map(
        (issue) => `${issue.path.join('.')}: ${issue.message}`,
      );
      this.drop(1, 'invalid usage event dropped', { requestId: event?.requestId, issues });
      return false;
    }
    try {
      JSON.stringify(event.payload);
      return true;
    } catch (error) {
      this.drop(1, 'usage event payload is not JSON', {
        requestId: event.requestId,
        err: errorMessage(error),
      });
      return false;
    }
  }

  /** Oldest first; returns false when Redis stopped accepting. */
  private async replaySpool(): Promise<boolean> {
    if (this.counters.spoolFiles === 0) return true;
    for (const file of await this.spool.list()) {
      let batches: UsageBatch[];
      try {
        batches = await this.spool.read(file);
      } catch (error) {
        if (!(error instanceof CorruptSpoolFileError)) throw error;
        const moved = await this.spool.quarantine(file);
        this.counters.spoolFiles -= 1;
        this.logger.error(
          { file: moved, err: errorMessage(error.cause) },
          'corrupt usage spool file set aside',
        );
        continue;
      }
      for (let index = 0; index < batches.length; index += 1) {
        const batch = batches[index] as UsageBatch;
        if (this.pastStop() || !(await this.trySend(batch))) {
          if (index > 0) await this.spool.rewrite(file, batches.slice(index));
          return false;
        }
        this.counters.spooled -= batch.events.length;
      }
      await this.spool.remove(file);
      this.counters.spoolFiles -= 1;
    }
    // Files written by another process before ours started are now gone too.
    this.counters.spooled = Math.max(this.counters.spooled, 0);
    return true;
  }

  private async sendBatches(): Promise<boolean> {
    for (let batch = this.batches[0]; batch !== undefined; batch = this.batches[0]) {
      if (this.pastStop() || !(await this.trySend(batch))) return false;
      this.batches.shift();
      this.batchedEvents -= batch.events.length;
    }
    return true;
  }

  private async trySend(batch: UsageBatch): Promise<boolean> {
    try {
      await this.sender.send(batch);
      this.counters.sent += batch.events.length;
      return true;
    } catch (error) {
      this.setAvailable(false, error);
      return false;
    }
  }

  /** Writes the oldest batches to disk until at most `limit` events remain in memory. */
  private async spill(limit: number): Promise<void> {
    if (this.pending.length + this.batchedEvents <= limit) return;
    if (this.batchedEvents < this.pending.length + this.batchedEvents - limit)
      this.cutBatches(true);
    const toWrite: UsageBatch[] = [];
    let events = 0;
    while (
      this.pending.length + this.batchedEvents - events > limit &&
      toWrite.length < this.batches.length
    ) {
      const batch = this.batches[toWrite.length] as UsageBatch;
      toWrite.push(batch);
      events += batch.events.length;
    }
    if (toWrite.length === 0) return;
    try {
      await this.spool.write(toWrite);
    } catch (error) {
      this.logger.error(
        { err: errorMessage(error), events },
        'usage spool write failed; keeping events in memory',
      );
      return;
    }
    this.batches.splice(0, toWrite.length);
    this.batchedEvents -= events;
    this.counters.spooled += events;
    this.counters.spoolFiles += 1;
  }

  private async loadSpool(): Promise<void> {
    try {
      await this.spool.ensureDirectory();
      this.counters.spoolFiles = (await this.spool.list()).length;
      this.counters.spooled = await this.spool.countEvents();
      if (this.counters.spoolFiles > 0) {
        this.logger.info(
          { ...this.counters },
          'usage spool found; replaying when redis is reachable',
        );
      }
    } catch (error) {
      this.logger.error({ err: errorMessage(error) }, 'usage spool directory unusable');
    }
  }

  private setAvailable(available: boolean, cause?: unknown): void {
    if (available === this.available) return;
    this.available = available;
    if (available) this.logger.info({ ...this.stats() }, 'usage queue reachable again; replaying');
    else
      this.logger.warn(
        { err: errorMessage(cause), ...this.stats() },
        'usage queue unreachable; buffering',
      );
  }

  /** BullMQ repeats the same connection error every retry during an outage: log one a minute. */
  private logQueueError(error: Error): void {
    const now = Date.now();
    if (now - this.lastQueueErrorLogAt < 60_000) return;
    this.lastQueueErrorLogAt = now;
    this.logger.warn({ err: error.message }, 'usage queue error');
  }

  private drop(count: number, message: string, details: object): void {
    this.counters.dropped += count;
    this.logger.error(details, message);
  }
}

function positive(name: string, value: number): number {
  if (!Number.isSafeInteger(value) || value < 1)
    throw new RangeError(`${name} must be a positive integer`);
  return value;
}

function errorMessage(error: unknown): string {
  if (error === undefined) return 'unreachable';
  const message = error instanceof Error ? error.message : String(error);
  const cause =
    error instanceof Error && error.cause instanceof Error ? `: ${error.cause.message}` : '';
  return message + cause;
}
