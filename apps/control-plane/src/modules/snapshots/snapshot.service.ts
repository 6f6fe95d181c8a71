import {
  Inject,
  Injectable,
  type OnApplicationBootstrap,
  type OnModuleDestroy,
} from '@nestjs/common';
import { hashSnapshotText, policySnapshotSchema } from '@switchyard/policy';
import type { Logger } from 'pino';
import type { ControlPlaneConfig } from '../../infra/config.js';
import { MetricsService } from '../../infra/metrics.service.js';
import { PrismaService } from '../../infra/prisma.service.js';
import { RedisService } from '../../infra/redis.service.js';
import { CONTROL_PLANE_CONFIG, LOGGER } from '../../infra/tokens.js';
import { CoalescingRunner } from './coalescing-runner.js';
import { compilePolicySnapshot } from './compile-policy-snapshot.js';
import { allocateSnapshotVersion, writeSnapshotToRedis } from './write-snapshot-to-redis.js';

/** Longest reason text stored on a SnapshotVersion row (bursts join many reasons). */
const maxReasonLength = 500;

/**
 * Compiles the policy snapshot from Postgres and publishes it through Redis after every committed
 * change that affects the data plane, and once at start. Bursts coalesce into one more run; while
 * Redis is down runs are retried with backoff (data planes keep their last good snapshot).
 */
@Injectable()
export class SnapshotService implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly pendingReasons = new Set<string>();
  private readonly runner: CoalescingRunner;

  constructor(
    private readonly prisma: PrismaService,
    private readonly redis: RedisService,
    private readonly metrics: MetricsService,
    @Inject(CONTROL_PLANE_CONFIG) private readonly config: ControlPlaneConfig,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {
    this.runner = new CoalescingRunner({
      job: () => this.compileAndPublish(),
      onError: (error, attempt) => {
        this.metrics.snapshotFailures.inc();
        this.logger.error({ err: error, attempt }, 'snapshot publish failed; retrying');
      },
    });
  }

  onApplicationBootstrap(): void {
    void this.requestPublish('startup').catch(() => undefined);
  }

  async onModuleDestroy(): Promise<void> {
    await this.runner.stop();
  }

  /**
   * Asks for a new snapshot; resolves once one that includes every change committed before this
   * call is in Redis. Callers after a mutation do not await it: Redis being down must not fail
   * an admin's change, which is already committed.
   */
  requestPublish(reason: string): Promise<void> {
    this.pendingReasons.add(reason);
    return this.runner.request();
  }

  private async compileAndPublish(): Promise<void> {
    const reasons = [...this.pendingReasons];
    this.pendingReasons.clear();
    try {
      await this.publishOnce(reasons.join(',').slice(0, maxReasonLength) || 'requested');
    } catch (error) {
      for (const reason of reasons) this.pendingReasons.add(reason);
      throw error;
    }
  }

  private async publishOnce(reason: string): Promise<void> {
    const started = performance.now();
    const { db } = this.prisma;
    const latest = await db.snapshotVersion.aggregate({ _max: { version: true } });
    const version = await allocateSnapshotVersion(
      this.redis.client,
      this.config.redisPrefix,
      latest._max.version ?? 0,
    );
    // Validating here means a bug can never publish a snapshot the data plane would reject.
    const snapshot = policySnapshotSchema.parse(await compilePolicySnapshot(db, version));
    const text = JSON.stringify(snapshot);
    const compiledMs = Math.round(performance.now() - started);
    await writeSnapshotToRedis(this.redis.client, this.config.redisPrefix, version, text);
    const sizeBytes = Buffer.byteLength(text);
    await db.snapshotVersion.create({
      data: { version, hash: hashSnapshotText(text), sizeBytes, compiledMs, reason },
    });
    this.metrics.snapshotPublished.inc();
    this.metrics.snapshotCompileSeconds.observe(compiledMs / 1000);
    this.metrics.snapshotSizeBytes.set(sizeBytes);
    this.metrics.snapshotVersion.set(version);
    this.logger.info({ version, sizeBytes, compiledMs, reason }, 'policy snapshot published');
  }
}
