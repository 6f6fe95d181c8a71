import { Counter, Gauge, Registry, collectDefaultMetrics } from 'prom-client';
import type { UsageEventInput } from '@switchyard/usage';
import { SeriesHistogram } from './series-histogram.js';

/** Sources the metrics read at scrape time (never on the request path). */
export interface MetricSources {
  snapshot: () => { version: number; loadedAtMs: number } | undefined;
  upstreamPools: () => { origin: string; connected: number; pending: number; running: number }[];
  usageBuffer: () => Record<string, number>;
  /** Breaker state per deployment (absent when breakers are off). */
  breakers?: () => { deploymentId: string; state: 'closed' | 'half_open' | 'open' }[];
  now: () => number;
}

interface PendingCount {
  counter: Counter<string>;
  labels: Record<string, string>;
  value: number;
}

const latencyBuckets = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120];

/**
 * The data plane's Prometheus metrics. Names are the contract with infra/grafana: change one and
 * the dashboard must change with it. Request metrics are fed once per request from its usage
 * event, so every number here agrees with what the worker bills.
 */
export class GatewayMetrics {
  readonly registry = new Registry();
  private readonly requests: Counter<'route' | 'provider' | 'model' | 'status'>;
  private readonly duration: SeriesHistogram;
  private readonly ttft: SeriesHistogram;
  private readonly tokens: Counter<'provider' | 'model' | 'kind'>;
  private readonly cost: Counter<'provider' | 'model'>;
  private readonly failovers: Counter<'provider' | 'reason'>;
  private readonly cacheLookups: Counter<'result'>;

  /** Counter increments since the last scrape, by metric and label values (see `count`). */
  private readonly pending = new Map<string, PendingCount>();

  constructor(sources: MetricSources) {
    const registers = [this.registry];
    const flush = (): void => this.flushPending();
    collectDefaultMetrics({ register: this.registry, prefix: 'switchyard_gateway_process_' });
    this.requests = new Counter({
      name: 'switchyard_gateway_requests_total',
      help: 'Gateway requests by route, serving provider, served model and HTTP status.',
      labelNames: ['route', 'provider', 'model', 'status'],
      registers,
      collect: flush,
    });
    this.duration = new SeriesHistogram({
      name: 'switchyard_gateway_request_duration_seconds',
      help: 'Total request latency seen by the caller (streams: until the last byte).',
      buckets: latencyBuckets,
    });
    this.registry.registerMetric(this.duration.asMetric());
    this.ttft = new SeriesHistogram({
      name: 'switchyard_gateway_time_to_first_token_seconds',
      help: 'Time from request arrival to the first output token of a stream.',
      buckets: latencyBuckets,
    });
    this.registry.registerMetric(this.ttft.asMetric());
    this.tokens = new Counter({
      name: 'switchyard_gateway_tokens_total',
      help: 'Tokens by kind (input, output, cache_read, cache_write, reasoning), from provider counts.',
      labelNames: ['provider', 'model', 'kind'],
      registers,
      collect: flush,
    });
    this.cost = new Counter({
      name: 'switchyard_gateway_cost_nano_usd_total',
      help: 'Provider cost charged to callers, in nano-USD.',
      labelNames: ['provider', 'model'],
      registers,
      collect: flush,
    });
    this.failovers = new Counter({
      name: 'switchyard_gateway_failovers_total',
      help: 'Failed attempts that made the gateway retry or move to another target, by reason code.',
      labelNames: ['provider', 'reason'],
      registers,
    });
    this.cacheLookups = new Counter({
      name: 'switchyard_gateway_cache_lookups_total',
      help: 'Response-cache lookups by result (hit, miss, bypass, refresh).',
      labelNames: ['result'],
      registers,
    });
    new Gauge({
      name: 'switchyard_gateway_snapshot_version',
      help: 'Version of the policy snapshot in force (0 = none yet).',
      registers,
      collect() {
        this.set(sources.snapshot()?.version ?? 0);
      },
    });
    new Gauge({
      name: 'switchyard_gateway_snapshot_age_seconds',
      help: 'Seconds since the snapshot in force was installed.',
      registers,
      collect() {
        const snapshot = sources.snapshot();
        this.set(snapshot ? (sources.now() - snapshot.loadedAtMs) / 1000 : 0);
      },
    });
    new Gauge({
      name: 'switchyard_gateway_upstream_connections',
      help: 'Upstream pool connections per provider origin, by state (connected, pending, running).',
      labelNames: ['origin', 'state'],
      registers,
      collect() {
        this.reset();
        for (const pool of sources.upstreamPools()) {
          this.set({ origin: pool.origin, state: 'connected' }, pool.connected);
          this.set({ origin: pool.origin, state: 'pending' }, pool.pending);
          this.set({ origin: pool.origin, state: 'running' }, pool.running);
        }
      },
    });
    const breakerValues = { closed: 0, half_open: 1, open: 2 } as const;
    new Gauge({
      name: 'switchyard_gateway_circuit_breaker_state',
      help: 'Circuit breaker per deployment: 0 closed, 1 half-open (probing), 2 open.',
      labelNames: ['deployment'],
      registers,
      collect() {
        this.reset();
        for (const { deploymentId, state } of sources.breakers?.() ?? []) {
          this.set({ deployment: deploymentId }, breakerValues[state]);
        }
      },
    });
    new Gauge({
      name: 'switchyard_gateway_usage_buffer',
      help: 'Usage-event emitter state: events buffered in memory, spooled to disk, sent, dropped.',
      labelNames: ['state'],
      registers,
      collect() {
        for (const [state, value] of Object.entries(sources.usageBuffer()))
          this.set({ state }, value);
      },
    });
  }

  /** Records one finished request from its usage event. */
  observeRequest(event: UsageEventInput): void {
    const provider = event.provider ?? 'none';
    const model = event.servedModel ?? event.requestedModel ?? 'unknown';
    const status = String(event.status);
    const series = `${event.endpoint}\u0000${provider}\u0000${model}\u0000${status}`;
    const labels = () => ({ route: event.endpoint, provider, model, status });
    this.count(this.requests, 'r', series, 1, labels);
    this.duration.observe(series, labels, event.latencyMs / 1000);
    const byModel = `${provider}\u0000${model}`;
    if (event.ttftMs !== null && event.ttftMs !== undefined)
      this.ttft.observe(byModel, () => ({ provider, model }), event.ttftMs / 1000);
    this.countTokens(byModel, provider, model, 'input', event.inputTokens);
    this.countTokens(byModel, provider, model, 'output', event.outputTokens);
    this.countTokens(byModel, provider, model, 'cache_read', event.cacheReadTokens);
    this.countTokens(byModel, provider, model, 'cache_write', event.cacheWriteTokens);
    this.countTokens(byModel, provider, model, 'reasoning', event.reasoningTokens);
    if (event.costNanoUsd !== '0')
      this.count(this.cost, 'c', byModel, Number(event.costNanoUsd), () => ({ provider, model }));
    for (const attempt of event.attempts ?? []) {
      if (attempt.code) this.failovers.inc({ provider: attempt.provider, reason: attempt.code });
    }
  }

  private countTokens(
    byModel: string,
    provider: string,
    model: string,
    kind: string,
    value: number | null | undefined,
  ): void {
    if (value) this.count(this.tokens, kind, byModel, value, () => ({ provider, model, kind }));
  }

  /**
   * Adds to a counter series in a plain map; prom-client sees the sums at the next scrape.
   * prom-client hashes the label object on every call, which on the request path costs more
   * than the rest of the metrics work together.
   */
  private count(
    counter: Counter<string>,
    tag: string,
    series: string,
    value: number,
    labels: () => Record<string, string>,
  ): void {
    const key = `${tag}\u0000${series}`;
    const entry = this.pending.get(key);
    if (entry) entry.value += value;
    else this.pending.set(key, { counter, labels: labels(), value });
  }

  private flushPending(): void {
    for (const entry of this.pending.values()) {
      if (entry.value === 0) continue;
      entry.counter.inc(entry.labels, entry.value);
      entry.value = 0;
    }
  }

  /** Records a response-cache lookup. */
  observeCache(result: 'hit' | 'miss' | 'bypass' | 'refresh'): void {
    this.cacheLookups.inc({ result });
  }
}
