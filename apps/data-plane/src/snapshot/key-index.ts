/**
 * Gateway keys by SHA-256 hex, for authentication: one lookup per request.
 *
 * Sharded by the first three hex digits (4,096 shards, ~25 keys each at 100,000 keys) and never
 * changed in place: an edit copies only the shards it touches and shares the rest, so replacing
 * one tenant's keys costs about its own key count, not the whole index. Requests that hold the
 * previous index keep a consistent view of it.
 */
const shardCount = 4_096;

function shardOf(hash: string): number {
  const shard = Number.parseInt(hash.slice(0, 3), 16);
  return Number.isNaN(shard) ? 0 : shard;
}

/** What an index entry needs to say which tenant it belongs to. */
export interface IndexedKey {
  key: { tenantId: string };
}

export class KeyIndex<T extends IndexedKey> {
  private constructor(
    private readonly shards: ReadonlyArray<ReadonlyMap<string, T> | undefined>,
    readonly size: number,
  ) {}

  static empty<T extends IndexedKey>(): KeyIndex<T> {
    return new KeyIndex<T>(new Array<undefined>(shardCount).fill(undefined), 0);
  }

  get(hash: string): T | undefined {
    return this.shards[shardOf(hash)]?.get(hash);
  }

  /** Starts a batch of changes; `done()` yields the new index and leaves this one untouched. */
  edit(): KeyIndexEditor<T> {
    return new KeyIndexEditor(this.shards, this.size, (shards, size) => new KeyIndex(shards, size));
  }
}

export class KeyIndexEditor<T extends IndexedKey> {
  private readonly shards: Array<ReadonlyMap<string, T> | undefined>;
  private readonly copied = new Set<number>();

  constructor(
    shards: ReadonlyArray<ReadonlyMap<string, T> | undefined>,
    private size: number,
    private readonly create: (
      shards: ReadonlyArray<ReadonlyMap<string, T> | undefined>,
      size: number,
    ) => KeyIndex<T>,
  ) {
    this.shards = [...shards];
  }

  /** Removes a tenant's keys; an entry another tenant holds under the same hash is left alone. */
  remove(keys: Iterable<string>, tenantId: string): this {
    for (const hash of keys) {
      const shard = this.writable(shardOf(hash));
      if (shard.get(hash)?.key.tenantId === tenantId && shard.delete(hash)) this.size -= 1;
    }
    return this;
  }

  add(entries: Iterable<[string, T]>): this {
    for (const [hash, entry] of entries) {
      const shard = this.writable(shardOf(hash));
      if (!shard.has(hash)) this.size += 1;
      shard.set(hash, entry);
    }
    return this;
  }

  done(): KeyIndex<T> {
    return this.create(this.shards, this.size);
  }

  /** The shard as a map this edit owns: copied on first touch, so the old index never changes. */
  private writable(index: number): Map<string, T> {
    const existing = this.shards[index];
    if (this.copied.has(index)) return existing as Map<string, T>;
    const copy = new Map(existing);
    this.shards[index] = copy;
    this.copied.add(index);
    return copy;
  }
}
