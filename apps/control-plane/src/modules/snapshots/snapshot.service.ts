import {
  Inject,
  Injectable,
  type OnApplicationBootstrap,
  type OnModuleDestroy,
} from '@nestjs/common';
import { hashSnapshotText, publishSnapshotPartitions } from '@switchyard/policy';
import type { Logger } from 'pino';
import type { ControlPlaneConfig } from '../../infra/config.js';
import { MetricsService } from '../../infra/metrics.service.js';
import { PrismaService } from '../../infra/prisma.service.js';
import { RedisService } from '../../infra/redis.service.js';
import { CONTROL_PLANE_CONFIG, LOGGER } from '../../infra/tokens.js';
import { allocateSnapshotVersion } from './allocate-snapshot-version.js';
import { CoalescingRunner } from './coalescing-runner.js';
import { compileSnapshotPartitions } from './compile-snapshot-partitions.js';
import {
  describeScope,
  everythingScope,
  isEmptyScope,
  PendingPublish,
  type PublishScope,
} from './publish-scope.js';

/** Longest reason text stored on a SnapshotVersion row (bursts join many reasons). */
const maxReasonLength = 500;

/**
 * Compiles snapshot partitions from Postgres and publishes them through Redis after every
 * committed change that affects the data plane: only the partitions the change touched (one
 * tenant's, or the base), and everything once at start. Bursts coalesce into one more run that
 * covers every partition asked for; while Redis is down runs are retried with backoff (data
 * planes keep their last good state).
 */
@Injectable()
export class SnapshotService implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly pending = new PendingPublish();
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
    // Everything at start: the manifest may be missing or hold partitions from older code.
    void this.requestPublish('startup', everythingScope).catch(() => undefined);
  }

  async onModuleDestroy(): Promise<void> {
    await this.runner.stop();
  }

  /**
   * Asks for the partitions in `scope` to be recompiled; resolves once a publish that includes
   * every change committed before this call is in Redis. Callers after a mutation do not await
   * it: Redis being down must not fail an admin's change, which is already committed.
   */
  requestPublish(reason: string, scope: PublishScope = everythingScope): Promise<void> {
    this.pending.add(reason, scope);
    return this.runner.request();
  }

  private async compileAndPublish(): Promise<void> {
    const taken = this.pending.take();
    if (isEmptyScope(taken.scope)) return;
    try {
      await this.publishOnce(taken.scope, taken.reasons.join(',') || 'requested');
    } catch (error) {
      this.pending.restore(taken);
      throw error;
    }
  }

  private async publishOnce(scope: PublishScope, reasons: string): Promise<void> {
    const started = performance.now();
    const { db } = this.prisma;
    const latest = await db.snapshotVersion.aggregate({ _max: { version: true } });
    const prefix = this.config.redisPrefix;
    const version = await allocateSnapshotVersion(
      this.redis.client,
      prefix,
      latest._max.version ?? 0,
    );
    const compiled = await compileSnapshotPartitions(db, scope, version);
    const baseText = compiled.base && JSON.stringify(compiled.base);
    const tenants = compiled.tenants.map((partition) => ({
      tenantId: partition.tenantId,
      text: JSON.stringify(partition),
    }));
    const compiledMs = Math.round(performance.now() - started);
    const outcome = await publishSnapshotPartitions(this.redis.client, prefix, {
      version,
      base: baseText,
      tenants,
      removed: compiled.removed,
      full: compiled.full,
    });
    if (outcome.status === 'needs-full') {
      // Redis lost the manifest: publishing one partition would leave data planes without the rest.
      this.logger.warn({ version }, 'snapshot manifest missing in Redis; publishing everything');
      return this.publishOnce(everythingScope, reasons);
    }
    if (outcome.status === 'unchanged') {
      this.logger.info({ version, reasons }, 'snapshot partitions already superseded');
      return;
    }
    // One row per publish: the hash covers the exact Redis texts, base first, in publish order.
    const texts = [...(baseText === undefined ? [] : [baseText]), ...tenants.map((t) => t.text)];
    const sizeBytes = texts.reduce((total, text) => total + Buffer.byteLength(text), 0);
    const reason = `${reasons} [${describeScope(scope)}]`.slice(0, maxReasonLength);
    await db.snapshotVersion.create({
      data: { version, hash: hashSnapshotText(texts.join('\n')), sizeBytes, compiledMs, reason },
    });
    const manifest = outcome.change.manifest;
    this.metrics.snapshotPublished.inc();
    this.metrics.snapshotCompileSeconds.observe(compiledMs / 1000);
    this.metrics.snapshotSizeBytes.set(sizeBytes);
    this.metrics.snapshotVersion.set(manifest);
    this.logger.info(
      {
        version,
        manifest,
        sizeBytes,
        compiledMs,
        reason,
        tenants: tenants.length,
        removed: compiled.removed.length,
      },
      'policy snapshot partitions published',
    );
  }
}
