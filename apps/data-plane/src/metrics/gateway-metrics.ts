import { Counter, Gauge, Registry, collectDefaultMetrics } from 'prom-client';
import type { UsageEventInput } from '@switchyard/usage';
import { SeriesHistogram, type HistogramSeries } from './series-histogram.js';

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

type TokenKind = 'input' | 'output' | 'cache_read' | 'cache_write' | 'reasoning';

/** What one provider × model adds to; resolved once, then updated by property writes. */
interface ModelSeries {
  provider: string;
  model: string;
  ttft: HistogramSeries | undefined;
  tokens: Record<TokenKind, PendingCount>;
  cost: PendingCount;
}

/** What one route × provider × model × status adds to. */
interface RequestSeries {
  requests: PendingCount;
  duration: HistogramSeries;
  model: ModelSeries;
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

  /**
   * Counter increments since the last scrape. prom-client hashes the label object on every
   * `inc`, which on the request path cost more than the rest of the metrics work together; so
   * each series is resolved once into these entries, and their sums reach prom-client at scrape.
   */
  private readonly pending: PendingCount[] = [];
  private readonly requestSeries = new Map<string, RequestSeries>();
  private readonly modelSeries = new Map<string, ModelSeries>();

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
    const series = this.seriesOf(event);
    series.requests.value += 1;
    this.duration.record(series.duration, event.latencyMs / 1000);
    const byModel = series.model;
    if (event.ttftMs !== null && event.ttftMs !== undefined) {
      byModel.ttft ??= this.ttft.seriesFor(`${byModel.provider}\u0000${byModel.model}`, () => ({
        provider: byModel.provider,
        model: byModel.model,
      }));
      this.ttft.record(byModel.ttft, event.ttftMs / 1000);
    }
    byModel.tokens.input.value += event.inputTokens ?? 0;
    byModel.tokens.output.value += event.outputTokens ?? 0;
    byModel.tokens.cache_read.value += event.cacheReadTokens ?? 0;
    byModel.tokens.cache_write.value += event.cacheWriteTokens ?? 0;
    byModel.tokens.reasoning.value += event.reasoningTokens ?? 0;
    if (event.costNanoUsd !== '0') byModel.cost.value += Number(event.costNanoUsd);
    for (const attempt of event.attempts ?? []) {
      if (attempt.code) this.failovers.inc({ provider: attempt.provider, reason: attempt.code });
    }
  }

  private seriesOf(event: UsageEventInput): RequestSeries {
    const provider = event.provider ?? 'none';
    const model = event.servedModel ?? event.requestedModel ?? 'unknown';
    const key = `${event.endpoint}\u0000${provider}\u0000${model}\u0000${event.status}`;
    let series = this.requestSeries.get(key);
    if (series) return series;
    const status = String(event.status);
    series = {
      requests: this.pendingCount(this.requests, {
        route: event.endpoint,
        provider,
        model,
        status,
      }),
      duration: this.duration.seriesFor(key, () => ({
        route: event.endpoint,
        provider,
        model,
        status,
      })),
      model: this.modelSeriesOf(provider, model),
    };
    this.requestSeries.set(key, series);
    return series;
  }

  private modelSeriesOf(provider: string, model: string): ModelSeries {
    const key = `${provider}\u0000${model}`;
    let series = this.modelSeries.get(key);
    if (series) return series;
    const tokens = (kind: TokenKind) => this.pendingCount(this.tokens, { provider, model, kind });
    series = {
      provider,
      model,
      ttft: undefined,
      tokens: {
        input: tokens('input'),
        output: tokens('output'),
        cache_read: tokens('cache_read'),
        cache_write: tokens('cache_write'),
        reasoning: tokens('reasoning'),
      },
      cost: this.pendingCount(this.cost, { provider, model }),
    };
    this.modelSeries.set(key, series);
    return series;
  }

  private pendingCount(counter: Counter<string>, labels: Record<string, string>): PendingCount {
    const entry = { counter, labels, value: 0 };
    this.pending.push(entry);
    return entry;
  }

  private flushPending(): void {
    for (const entry of this.pending) {
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
