import type { Redis } from 'ioredis';
import {
  readSnapshotManifest,
  snapshotChangeSchema,
  snapshotRedisKeys,
  type SnapshotChange,
} from '@switchyard/policy';
import type { Logger } from 'pino';
import type { CompiledSnapshot } from './compiled-snapshot.js';

/** One partition as read from Redis: `text` is null when the key was missing. */
export interface FetchedPartition {
  version: number;
  text: string | null;
}

/** What one manifest version changed, as read from Redis. */
export interface FetchedUpdate {
  manifestVersion: number;
  base?: FetchedPartition;
  tenants: ReadonlyArray<FetchedPartition & { tenantId: string }>;
  removed: readonly string[];
}

export interface SnapshotFollowerOptions {
  redis: Redis;
  /** A dedicated connection: a subscribed ioredis client cannot run other commands. */
  subscriber: Redis;
  prefix: string;
  logger: Logger;
  current: () => CompiledSnapshot | undefined;
  apply: (update: FetchedUpdate) => boolean;
  /** Installs a legacy full snapshot (a control plane that predates partitions). */
  installFull: (raw: unknown) => boolean;
}

/** Partition reads in flight at once: pipelined, but bounded for a full load of 10,000. */
const readBatchSize = 500;
const retryDelayMs = 1_000;

/**
 * Keeps the holder in step with the manifest. A change message whose `previous` is the manifest
 * version in force is applied as it says (only the partitions it names are read); anything else
 * (a missed message, a reconnect, a failed read) makes it resync: read the manifest and fetch
 * just the partitions whose versions differ from those in force. Work runs one item at a time,
 * so updates apply in manifest order.
 */
export class SnapshotFollower {
  private readonly keys: ReturnType<typeof snapshotRedisKeys>;
  private queue: Promise<void> = Promise.resolve();
  private retry: NodeJS.Timeout | undefined;
  private stopped = false;
  /** Set once a manifest was seen; until then legacy full snapshots are followed. */
  private partitioned = false;

  constructor(private readonly options: SnapshotFollowerOptions) {
    this.keys = snapshotRedisKeys(options.prefix);
  }

  async start(): Promise<void> {
    const { subscriber } = this.options;
    subscriber.on('message', (channel: string, message: string) => {
      if (channel === this.keys.manifestChannel) void this.enqueue(() => this.onChange(message));
      else if (channel === this.keys.channel && !this.partitioned)
        void this.enqueue(() => this.loadLegacy(Number(message)));
    });
    // A reconnect may have missed publishes: resync each time the subscriber is back.
    subscriber.on('ready', () => void this.enqueue(() => this.resync()));
    await subscriber.subscribe(this.keys.manifestChannel, this.keys.channel);
    // Subscribed first, so nothing published from here on is missed. A failed first load is
    // retried like any other; until one succeeds /readyz reports no snapshot.
    await this.enqueue(() => this.resync());
  }

  stop(): void {
    this.stopped = true;
    clearTimeout(this.retry);
  }

  /** Runs after everything queued; failures are logged and retried with a resync. */
  private enqueue(task: () => Promise<void>): Promise<void> {
    this.queue = this.queue.then(task).catch((error: unknown) => {
      this.options.logger.warn({ err: error }, 'snapshot sync failed; resyncing shortly');
      this.scheduleResync();
    });
    return this.queue;
  }

  private scheduleResync(): void {
    if (this.stopped || this.retry || this.options.redis.status === 'end') return;
    this.retry = setTimeout(() => {
      this.retry = undefined;
      void this.enqueue(() => this.resync());
    }, retryDelayMs);
    this.retry.unref();
  }

  private async onChange(message: string): Promise<void> {
    let change: SnapshotChange;
    try {
      change = snapshotChangeSchema.parse(JSON.parse(message));
    } catch (error) {
      this.options.logger.error({ err: error }, 'unreadable snapshot change message; resyncing');
      return this.resync();
    }
    this.partitioned = true;
    const held = this.options.current();
    if (held && change.manifest <= held.version) return; // a resync already read it
    if (!held || change.previous !== held.version) return this.resync();
    await this.fetchAndApply(
      change.manifest,
      change.base,
      Object.entries(change.tenants),
      change.removed,
    );
  }

  private async resync(): Promise<void> {
    const { redis, prefix, logger } = this.options;
    const manifest = await readSnapshotManifest(redis, prefix);
    if (!manifest) {
      const legacy = await redis.get(this.keys.current);
      if (legacy !== null && !this.partitioned) return this.loadLegacy(Number(legacy));
      logger.warn('no snapshot published yet; requests get 503 until one is');
      return;
    }
    this.partitioned = true;
    const held = this.options.current();
    const tenants = Object.entries(manifest.tenants).filter(
      ([tenantId, version]) => held?.tenants.get(tenantId)?.version !== version,
    );
    const removed = held
      ? [...held.tenants.keys()].filter((tenantId) => !(tenantId in manifest.tenants))
      : [];
    const base = held?.base.version === manifest.base ? undefined : manifest.base;
    if (held?.version === manifest.version && !base && tenants.length + removed.length === 0)
      return;
    await this.fetchAndApply(manifest.version, base, tenants, removed);
  }

  private async fetchAndApply(
    manifestVersion: number,
    baseVersion: number | undefined,
    tenantVersions: ReadonlyArray<[string, number]>,
    removed: readonly string[],
  ): Promise<void> {
    const { redis } = this.options;
    const tenants: Array<FetchedPartition & { tenantId: string }> = [];
    for (let start = 0; start < tenantVersions.length; start += readBatchSize) {
      const batch = tenantVersions.slice(start, start + readBatchSize);
      const texts = await Promise.all(
        batch.map(([tenantId, version]) => redis.get(this.keys.tenant(tenantId, version))),
      );
      batch.forEach(([tenantId, version], index) =>
        tenants.push({ tenantId, version, text: texts[index] ?? null }),
      );
    }
    const base =
      baseVersion === undefined
        ? undefined
        : { version: baseVersion, text: await redis.get(this.keys.base(baseVersion)) };
    if (!this.options.apply({ manifestVersion, base, tenants, removed }))
      // Nothing could be installed (no usable base yet): try the manifest again shortly.
      throw new Error('no snapshot could be installed from the manifest');
  }

  private async loadLegacy(version: number): Promise<void> {
    const held = this.options.current();
    if (held && held.version >= version) return;
    const text = await this.options.redis.get(this.keys.version(version));
    if (text === null) {
      this.options.logger.error({ version }, 'published snapshot version is missing in Redis');
      return;
    }
    this.options.installFull(JSON.parse(text) as unknown);
  }
}
