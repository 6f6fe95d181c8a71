import { policySnapshotSchema, snapshotRedisKeys, type PolicySnapshot } from '@switchyard/policy';
import { Redis } from 'ioredis';

export interface PublishedSnapshot {
  version: number;
  text: string;
  snapshot: PolicySnapshot;
  /** Milliseconds between `since` (see waitFor) and the message arriving. */
  receivedAt: number;
}

/** Subscribes to the snapshot channel like a data plane would, and keeps every published version. */
export class SnapshotWatcher {
  private readonly subscriber: Redis;
  private readonly reader: Redis;
  private readonly keys: ReturnType<typeof snapshotRedisKeys>;
  readonly versions: Array<{ version: number; receivedAt: number }> = [];

  private constructor(url: string, prefix: string) {
    this.subscriber = new Redis(url, { lazyConnect: true });
    this.reader = new Redis(url, { lazyConnect: true });
    this.keys = snapshotRedisKeys(prefix);
  }

  static async start(url: string, prefix: string): Promise<SnapshotWatcher> {
    const watcher = new SnapshotWatcher(url, prefix);
    await watcher.subscriber.connect();
    await watcher.reader.connect();
    watcher.subscriber.on('message', (_channel: string, message: string) => {
      watcher.versions.push({ version: Number(message), receivedAt: Date.now() });
    });
    await watcher.subscriber.subscribe(watcher.keys.channel);
    return watcher;
  }

  async read(version: number): Promise<{ text: string; snapshot: PolicySnapshot }> {
    const text = await this.reader.get(this.keys.version(version));
    if (!text) throw new Error(`snapshot version ${version} is not in Redis`);
    return { text, snapshot: policySnapshotSchema.parse(JSON.parse(text)) };
  }

  async current(): Promise<number> {
    return Number(await this.reader.get(this.keys.current));
  }

  /** Waits for a version announced after `since` whose snapshot satisfies `accept`. */
  async waitFor(
    since: number,
    accept: (snapshot: PolicySnapshot) => boolean,
    timeoutMs = 5_000,
  ): Promise<PublishedSnapshot> {
    const deadline = Date.now() + timeoutMs;
    let checked = 0;
    while (Date.now() < deadline) {
      const fresh = this.versions.filter((entry) => entry.receivedAt >= since);
      for (const entry of fresh.slice(checked)) {
        const { text, snapshot } = await this.read(entry.version);
        if (accept(snapshot))
          return { version: entry.version, text, snapshot, receivedAt: entry.receivedAt - since };
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
}
