import {
  assembleSnapshot,
  basePartitionSchema,
  readSnapshotManifest,
  snapshotChangeSchema,
  snapshotRedisKeys,
  tenantPartitionSchema,
  type BasePartition,
  type PolicySnapshot,
  type SnapshotChange,
  type TenantPartition,
} from '@switchyard/policy';
import { Redis } from 'ioredis';

export interface PublishedSnapshot {
  /** Manifest version after the publish. */
  version: number;
  /** What the publish announced. */
  change: SnapshotChange;
  /** The Redis texts of the partitions it announced: the base first, then tenants, joined by \n. */
  text: string;
  /** Every partition in force after it, assembled into the full snapshot shape. */
  snapshot: PolicySnapshot;
  /** Milliseconds between `since` (see waitFor) and the message arriving. */
  receivedAt: number;
}

interface Received {
  change: SnapshotChange;
  receivedAt: number;
}

/**
 * Subscribes to the manifest channel like a data plane would, keeps every announced change, and
 * keeps the partitions in force so each change can be checked against the assembled snapshot.
 */
export class SnapshotWatcher {
  private readonly subscriber: Redis;
  private readonly reader: Redis;
  private readonly keys: ReturnType<typeof snapshotRedisKeys>;
  private manifest = 0;
  private base: BasePartition | undefined;
  private readonly tenants = new Map<string, TenantPartition>();
  private readonly received: Received[] = [];

  private constructor(
    url: string,
    private readonly prefix: string,
  ) {
    this.subscriber = new Redis(url, { lazyConnect: true });
    this.reader = new Redis(url, { lazyConnect: true });
    this.keys = snapshotRedisKeys(prefix);
  }

  static async start(url: string, prefix: string): Promise<SnapshotWatcher> {
    const watcher = new SnapshotWatcher(url, prefix);
    await watcher.subscriber.connect();
    await watcher.reader.connect();
    watcher.subscriber.on('message', (_channel: string, message: string) => {
      const change = snapshotChangeSchema.parse(JSON.parse(message));
      watcher.received.push({ change, receivedAt: Date.now() });
    });
    await watcher.subscriber.subscribe(watcher.keys.manifestChannel);
    return watcher;
  }

  /** Manifest version and arrival time of every change announced so far. */
  get versions(): Array<{ version: number; receivedAt: number; change: SnapshotChange }> {
    return this.received.map(({ change, receivedAt }) => ({
      version: change.manifest,
      receivedAt,
      change,
    }));
  }

  async readTenant(tenantId: string, version: number): Promise<string> {
    const text = await this.reader.get(this.keys.tenant(tenantId, version));
    if (text === null) throw new Error(`tenant ${tenantId} partition ${version} is not in Redis`);
    return text;
  }

  /** The manifest version in Redis. */
  async current(): Promise<number> {
    return (await readSnapshotManifest(this.reader, this.prefix))?.version ?? 0;
  }

  /** Waits for a change announced after `since` whose resulting snapshot satisfies `accept`. */
  async waitFor(
    since: number,
    accept: (snapshot: PolicySnapshot) => boolean,
    timeoutMs = 5_000,
  ): Promise<PublishedSnapshot> {
    const deadline = Date.now() + timeoutMs;
    let checked = 0;
    while (Date.now() < deadline) {
      const fresh = this.received.filter((entry) => entry.receivedAt >= since);
      for (const entry of fresh.slice(checked)) {
        const text = await this.apply(entry.change);
        const snapshot = this.assembled();
        if (snapshot && accept(snapshot)) {
          const { change } = entry;
          return {
            version: change.manifest,
            change,
            text,
            snapshot,
            receivedAt: entry.receivedAt - since,
          };
        }
      }
      checked = fresh.length;
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    throw new Error(
      `no matching snapshot published within ${timeoutMs} ms (saw ${JSON.stringify(this.versions)})`,
    );
  }

  async close(): Promise<void> {
    this.subscriber.disconnect();
    this.reader.disconnect();
  }

  private assembled(): PolicySnapshot | undefined {
    return this.base && assembleSnapshot(this.base, [...this.tenants.values()], this.manifest);
  }

  /** Brings the kept partitions up to `change`, as a data plane would; returns its texts. */
  private async apply(change: SnapshotChange): Promise<string> {
    if (change.previous !== this.manifest && change.manifest > this.manifest) await this.resync();
    const texts: string[] = [];
    if (change.base !== undefined) {
      const text = await this.reader.get(this.keys.base(change.base));
      if (text !== null) {
        texts.push(text);
        if (change.manifest > this.manifest)
          this.base = basePartitionSchema.parse(JSON.parse(text));
      }
    }
    for (const [tenantId, version] of Object.entries(change.tenants)) {
      const text = await this.readTenant(tenantId, version);
      texts.push(text);
      if (change.manifest > this.manifest)
        this.tenants.set(tenantId, tenantPartitionSchema.parse(JSON.parse(text)));
    }
    if (change.manifest > this.manifest) {
      for (const tenantId of change.removed) this.tenants.delete(tenantId);
      this.manifest = change.manifest;
    }
    return texts.join('\n');
  }

  /** Loads every partition the manifest names (changes were missed, or this is the first). */
  private async resync(): Promise<void> {
    const manifest = await readSnapshotManifest(this.reader, this.prefix);
    if (!manifest) return;
    const base = await this.reader.get(this.keys.base(manifest.base));
    if (base !== null) this.base = basePartitionSchema.parse(JSON.parse(base));
    this.tenants.clear();
    for (const [tenantId, version] of Object.entries(manifest.tenants)) {
      const text = await this.readTenant(tenantId, version);
      this.tenants.set(tenantId, tenantPartitionSchema.parse(JSON.parse(text)));
    }
    this.manifest = manifest.version;
  }
}
