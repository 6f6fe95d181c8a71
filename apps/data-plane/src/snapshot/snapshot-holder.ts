import { readFile } from 'node:fs/promises';
import type { Redis } from 'ioredis';
import {
  policySnapshotSchema,
  snapshotRedisKeys,
  type MasterKeyRing,
  type PolicySnapshot,
} from '@switchyard/policy';
import type { Logger } from 'pino';
import { compileSnapshot, type CompiledSnapshot } from './compiled-snapshot.js';

/**
 * Holds the current compiled snapshot and swaps it atomically (one reference assignment) when a
 * new version is published. A version that fails to parse or compile is refused and the last
 * good snapshot keeps serving; so does a Redis outage.
 */
export class SnapshotHolder {
  private snapshot: CompiledSnapshot | undefined;

  constructor(
    private readonly keyRing: MasterKeyRing,
    private readonly logger: Logger,
    private readonly now: () => number = Date.now,
  ) {}

  /** The snapshot in force, or undefined before the first one arrived. */
  get current(): CompiledSnapshot | undefined {
    return this.snapshot;
  }

  /** Validates and installs a snapshot; returns false (keeping the old one) when it is invalid. */
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
    const compiled = compileSnapshot(parsed.data, this.keyRing, this.now());
    for (const warning of compiled.warnings) this.logger.warn({ warning }, 'snapshot warning');
    this.snapshot = compiled;
    this.logger.info({ version: compiled.version }, 'snapshot installed');
    return true;
  }

  /** Loads a snapshot from a JSON file (tests and benchmarks). */
  async loadFile(path: string): Promise<void> {
    const text = await readFile(path, 'utf8');
    if (!this.install(JSON.parse(text) as unknown)) {
      throw new Error(`SWITCHYARD_SNAPSHOT_FILE ${path} does not hold a valid policy snapshot`);
    }
  }

  /**
   * Loads the current version from Redis and follows the publish channel. `subscriber` must be a
   * dedicated connection (a subscribed ioredis client cannot run other commands).
   */
  async followRedis(redis: Redis, subscriber: Redis, prefix: string): Promise<void> {
    const keys = snapshotRedisKeys(prefix);
    const loadVersion = async (version: number) => {
      if (this.snapshot && this.snapshot.version >= version) return;
      const text = await redis.get(keys.version(version));
      if (text === null) {
        this.logger.error({ version }, 'published snapshot version is missing in Redis');
        return;
      }
      this.install(JSON.parse(text) as PolicySnapshot);
    };
    subscriber.on('message', (channel: string, message: string) => {
      if (channel !== keys.channel) return;
      loadVersion(Number(message)).catch((error: unknown) =>
        this.logger.error({ err: error }, 'failed to load a published snapshot'),
      );
    });
    // A reconnect may have missed publishes: re-read the current version each time we are back.
    subscriber.on('ready', () => {
      redis
        .get(keys.current)
        .then((current) => (current === null ? undefined : loadVersion(Number(current))))
        .catch((error: unknown) => this.logger.warn({ err: error }, 'snapshot resync failed'));
    });
    await subscriber.subscribe(keys.channel);
    const current = await redis.get(keys.current);
    if (current !== null) await loadVersion(Number(current));
    else this.logger.warn('no snapshot published yet; requests get 503 until one is');
  }
}
