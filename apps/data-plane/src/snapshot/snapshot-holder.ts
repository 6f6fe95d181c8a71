import { readFile } from 'node:fs/promises';
import type { Redis } from 'ioredis';
import {
  basePartitionSchema,
  policySnapshotSchema,
  tenantPartitionSchema,
  type BasePartition,
  type MasterKeyRing,
  type TenantPartition,
} from '@switchyard/policy';
import type { Logger } from 'pino';
import type { CompiledSnapshot } from './compiled-snapshot.js';
import {
  SnapshotFollower,
  type FetchedPartition,
  type FetchedUpdate,
} from './follow-snapshot-partitions.js';
import {
  applyPartitionUpdate,
  buildFromFullSnapshot,
  buildState,
  type CompiledState,
} from './snapshot-state.js';

/** Most warnings logged per swap: a base change recompiles every tenant, each may repeat one. */
const maxLoggedWarnings = 20;

/**
 * Holds the compiled snapshot in force and swaps it atomically (one reference assignment) when
 * partitions change. A partition that is missing, fails to parse or validate, or fails to
 * compile is refused and the last good version of it keeps serving alongside the rest of the
 * update; so does everything during a Redis outage.
 */
export class SnapshotHolder {
  private snapshot: CompiledSnapshot | undefined;
  private follower: SnapshotFollower | undefined;

  constructor(
    private readonly keyRing: MasterKeyRing,
    private readonly logger: Logger,
    private readonly now: () => number = Date.now,
  ) {}

  /** The snapshot in force, or undefined before the first one arrived. */
  get current(): CompiledSnapshot | undefined {
    return this.snapshot;
  }

  /** Validates and installs a full snapshot; returns false (keeping the old one) when invalid. */
  install(raw: unknown): boolean {
    const parsed = policySnapshotSchema.safeParse(raw);
    if (!parsed.success) {
      this.logger.error({ issues: parsed.error.issues.slice(0, 5) }, 'refused invalid snapshot');
      return false;
    }
    if (this.snapshot && parsed.data.version < this.snapshot.version) {
      this.logger.warn({ version: parsed.data.version }, 'ignored an older snapshot version');
      return false;
    }
    this.swap(buildFromFullSnapshot(parsed.data, this.keyRing, this.now()));
    return true;
  }

  /**
   * Applies partitions read from Redis. Invalid ones are refused one by one (logged), the rest
   * apply; returns false when nothing could be installed (no usable base yet).
   */
  applyPartitions(update: FetchedUpdate): boolean {
    const base = update.base && this.parseBase(update.base);
    const tenants: TenantPartition[] = [];
    for (const fetched of update.tenants) {
      const partition = this.parseTenant(fetched);
      const held = this.snapshot?.tenants.get(fetched.tenantId);
      // Versions only grow; an older one can only come from a reader that fell behind.
      if (partition && !(held && held.version > partition.version)) tenants.push(partition);
    }
    const version = update.manifestVersion;
    if (!this.snapshot) {
      if (!base) {
        this.logger.error({ version }, 'no valid base partition yet; requests get 503 until one');
        return false;
      }
      this.swap(buildState(version, base, tenants, this.keyRing, this.now()));
      return true;
    }
    const changes = { version, base, tenants, removed: update.removed };
    this.swap(applyPartitionUpdate(this.snapshot, changes, this.keyRing, this.now()));
    return true;
  }

  /** Loads a full snapshot from a JSON file (tests and benchmarks). */
  async loadFile(path: string): Promise<void> {
    const text = await readFile(path, 'utf8');
    if (!this.install(JSON.parse(text) as unknown)) {
      throw new Error(`SWITCHYARD_SNAPSHOT_FILE ${path} does not hold a valid policy snapshot`);
    }
  }

  /**
   * Loads every partition the manifest names and follows the change channel. `subscriber` must
   * be a dedicated connection (a subscribed ioredis client cannot run other commands).
   */
  async followRedis(redis: Redis, subscriber: Redis, prefix: string): Promise<void> {
    this.follower = new SnapshotFollower({
      redis,
      subscriber,
      prefix,
      logger: this.logger,
      current: () => this.snapshot,
      apply: (update) => this.applyPartitions(update),
      installFull: (raw) => this.install(raw),
    });
    await this.follower.start();
  }

  /** Stops resync retries (the connections are closed by their owner). */
  stopFollowing(): void {
    this.follower?.stop();
  }

  private swap(state: CompiledState): void {
    const { snapshot, warnings, refused } = state;
    for (const { tenantId, error } of refused)
      this.logger.error(
        { tenantId, err: error },
        'refused a tenant partition that failed to compile',
      );
    for (const warning of warnings.slice(0, maxLoggedWarnings))
      this.logger.warn({ warning }, 'snapshot warning');
    if (warnings.length > maxLoggedWarnings)
      this.logger.warn({ more: warnings.length - maxLoggedWarnings }, 'more snapshot warnings');
    this.snapshot = snapshot;
    this.logger.info(
      { version: snapshot.version, tenants: snapshot.tenants.size, keys: snapshot.keysByHash.size },
      'snapshot installed',
    );
  }

  private parseBase(fetched: FetchedPartition): BasePartition | undefined {
    const raw = this.parseText('base', fetched);
    if (raw === undefined) return undefined;
    const parsed = basePartitionSchema.safeParse(raw);
    if (!parsed.success) return this.refuse('base', fetched.version, parsed.error.issues);
    if (parsed.data.version !== fetched.version)
      return this.refuse('base', fetched.version, 'its version differs from its key');
    return parsed.data;
  }

  private parseTenant(
    fetched: FetchedPartition & { tenantId: string },
  ): TenantPartition | undefined {
    const label = `tenant ${fetched.tenantId}`;
    const raw = this.parseText(label, fetched);
    if (raw === undefined) return undefined;
    const parsed = tenantPartitionSchema.safeParse(raw);
    if (!parsed.success) return this.refuse(label, fetched.version, parsed.error.issues);
    // A body under another tenant's key could hand that tenant's callers to this one.
    if (parsed.data.version !== fetched.version || parsed.data.tenantId !== fetched.tenantId)
      return this.refuse(label, fetched.version, 'its tenant or version differs from its key');
    return parsed.data;
  }

  private parseText(label: string, fetched: FetchedPartition): unknown {
    if (fetched.text === null) {
      this.refuse(label, fetched.version, 'missing in Redis');
      return undefined;
    }
    try {
      return JSON.parse(fetched.text) as unknown;
    } catch (error) {
      this.refuse(label, fetched.version, (error as Error).message);
      return undefined;
    }
  }

  private refuse(partition: string, version: number, problem: unknown): undefined {
    const issues = Array.isArray(problem) ? problem.slice(0, 5) : problem;
    this.logger.error({ partition, version, issues }, 'refused an invalid snapshot partition');
    return undefined;
  }
}
