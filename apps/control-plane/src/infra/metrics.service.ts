import { Injectable } from '@nestjs/common';
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

/**
 * Prometheus metrics. Each app instance owns its registry, so several control planes started in
 * one process (tests) never register the same metric twice.
 */
@Injectable()
export class MetricsService {
  readonly registry = new Registry();

  readonly snapshotPublished = new Counter({
    name: 'switchyard_snapshot_published_total',
    help: 'Snapshot publishes (one or more partitions each) written to Redis.',
    registers: [this.registry],
  });

  readonly snapshotFailures = new Counter({
    name: 'switchyard_snapshot_publish_failures_total',
    help: 'Snapshot compile or publish attempts that failed (and were retried).',
    registers: [this.registry],
  });

  readonly snapshotCompileSeconds = new Histogram({
    name: 'switchyard_snapshot_compile_seconds',
    help: 'Time to read Postgres, build and validate the partitions of one publish.',
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [this.registry],
  });

  readonly snapshotSizeBytes = new Gauge({
    name: 'switchyard_snapshot_size_bytes',
    help: 'Bytes of partition JSON written by the latest publish.',
    registers: [this.registry],
  });

  readonly snapshotVersion = new Gauge({
    name: 'switchyard_snapshot_version',
    help: 'Snapshot manifest version after the latest publish (what data planes report).',
    registers: [this.registry],
  });

  constructor() {
    collectDefaultMetrics({ register: this.registry });
  }
}
