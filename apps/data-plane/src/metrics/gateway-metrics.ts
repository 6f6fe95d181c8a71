import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { UsageEventInput } from '@switchyard/usage';

/** Sources the metrics read at scrape time (never on the request path). */
export interface MetricSources {
  snapshot: () => { version: number; loadedAtMs: number } | undefined;
  upstreamPools: () => { origin: string; connected: number; pending: number; running: number }[];
  usageBuffer: () => Record<string, number>;
  /** Breaker state per deployment (absent when breakers are off). */
  breakers?: () => { deploymentId: string; state: 'closed' | 'half_open' | 'open' }[];
  now: () => number;
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
  private readonly duration: Histogram<'route' | 'provider' | 'model' | 'status'>;
  private readonly ttft: Histogram<'provider' | 'model'>;
  private readonly tokens: Counter<'provider' | 'model' | 'kind'>;
  private readonly cost: Counter<'provider' | 'model'>;
  private readonly failovers: Counter<'provider' | 'reason'>;
  private readonly cacheLookups: Counter<'result'>;

  constructor(sources: MetricSources) {
    const registers = [this.registry];
    collectDefaultMetrics({ register: this.registry, prefix: 'switchyard_gateway_process_' });
    this.requests = new Counter({
      name: 'switchyard_gateway_requests_total',
      help: 'Gateway requests by route, serving provider, served model and HTTP status.',
      labelNames: ['route', 'provider', 'model', 'status'],
      registers,
    });
    this.duration = new Histogram({
      name: 'switchyard_gateway_request_duration_seconds',
      help: 'Total request latency seen by the caller (streams: until the last byte).',
      labelNames: ['route', 'provider', 'model', 'status'],
      buckets: latencyBuckets,
      registers,
    });
    this.ttft = new Histogram({
      name: 'switchyard_gateway_time_to_first_token_seconds',
      help: 'Time from request arrival to the first output token of a stream.',
      labelNames: ['provider', 'model'],
      buckets: latencyBuckets,
      registers,
    });
    this.tokens = new Counter({
      name: 'switchyard_gateway_tokens_total',
      help: 'Tokens by kind (input, output, cache_read, cache_write, reasoning), from provider counts.',
      labelNames: ['provider', 'model', 'kind'],
      registers,
    });
    this.cost = new Counter({
      name: 'switchyard_gateway_cost_nano_usd_total',
      help: 'Provider cost charged to callers, in nano-USD.',
      labelNames: ['provider', 'model'],
      registers,
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
    const labels = { route: event.endpoint, provider, model, status: String(event.status) };
    this.requests.inc(labels);
    this.duration.observe(labels, event.latencyMs / 1000);
    if (event.ttftMs !== null && event.ttftMs !== undefined)
      this.ttft.observe({ provider, model }, event.ttftMs / 1000);
    if (event.inputTokens > 0)
      this.tokens.inc({ provider, model, kind: 'input' }, event.inputTokens);
    if (event.outputTokens > 0)
      this.tokens.inc({ provider, model, kind: 'output' }, event.outputTokens);
    if (event.cacheReadTokens)
      this.tokens.inc({ provider, model, kind: 'cache_read' }, event.cacheReadTokens);
    if (event.cacheWriteTokens)
      this.tokens.inc({ provider, model, kind: 'cache_write' }, event.cacheWriteTokens);
    if (event.reasoningTokens)
      this.tokens.inc({ provider, model, kind: 'reasoning' }, event.reasoningTokens);
    if (event.costNanoUsd !== '0') this.cost.inc({ provider, model }, Number(event.costNanoUsd));
    for (const attempt of event.attempts ?? []) {
      if (attempt.code) this.failovers.inc({ provider: attempt.provider, reason: attempt.code });
    }
  }

  /** Records a response-cache lookup. */
  observeCache(result: 'hit' | 'miss' | 'bypass' | 'refresh'): void {
    this.cacheLookups.inc({ result });
  }
}
