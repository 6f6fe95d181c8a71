import { blendedPriceNanoUsdPerMTok } from './blended-price.js';
import type { RoutableDeployment } from './routing-catalog.js';
import type { RoutingStrategy } from './routing-policy-schema.js';

/** Live measures of one deployment, supplied by the data plane's health tracking. */
export interface CandidateHealth {
  /** The circuit breaker refuses traffic right now. */
  breakerOpen: boolean;
  /** When an open breaker lets a probe through again (ms since epoch). */
  retryAtMs: number | undefined;
  /** Moving average of request latency, ms; undefined until measured (or when stale). */
  latencyMs: number | undefined;
  /** Moving average of time to first token on streams, ms. */
  ttftMs: number | undefined;
  /** Moving error rate, 0..1. */
  errorRate: number;
  /** Requests running on the deployment now (plus those queued for it). */
  inFlight: number;
}

/** A candidate that passed every filter, with what the strategies weigh. */
export interface RankedCandidate<T extends RoutableDeployment> {
  candidate: T;
  /** Position in the route's target order (ties keep it, so priority is the tie-breaker). */
  position: number;
  /** Effective weight for `weighted` (target weight × the deployment's share of it). */
  weight: number;
  health: CandidateHealth | undefined;
  /** Strategy score, lower first (filled by orderByStrategy). */
  score: number;
  /** The request fits the model's context window. */
  fitsContext: boolean;
}

/**
 * An error rate of e makes a deployment look 1/(1-e) times slower, so lowest-latency routing
 * drifts away from a provider that starts failing before its breaker trips. Capped so one bad
 * window does not make a deployment look infinitely slow.
 */
const maximumErrorPenalty = 20;

/**
 * Orders candidates by the route's strategy, lowest score first; ties keep target order.
 * - priority: target order (a fallback chain).
 * - weighted: a weighted random permutation (exponential race: key = -ln(u)/w), so the first
 *   pick follows the weights and the rest are fallbacks; weight 0 only ever serves as fallback.
 *   `random` is injected so tests are deterministic.
 * - lowest-cost: blended list price at `nowMs`; unpriced models last.
 * - lowest-latency: moving latency (TTFT for streams), inflated by the error rate; unmeasured
 *   deployments first so each gets measured (and is re-measured once its data goes stale).
 * - least-busy: requests in flight.
 */
export function orderByStrategy<T extends RoutableDeployment>(
  ranked: RankedCandidate<T>[],
  strategy: RoutingStrategy,
  streaming: boolean,
  nowMs: number,
  random: () => number,
): RankedCandidate<T>[] {
  if (strategy === 'priority' || ranked.length < 2) return ranked;
  for (const entry of ranked) entry.score = scoreOf(entry, strategy, streaming, nowMs, random);
  return ranked.sort((a, b) => a.score - b.score || a.position - b.position);
}

function scoreOf<T extends RoutableDeployment>(
  entry: RankedCandidate<T>,
  strategy: Exclude<RoutingStrategy, 'priority'>,
  streaming: boolean,
  nowMs: number,
  random: () => number,
): number {
  switch (strategy) {
    case 'weighted': {
      if (entry.weight <= 0) return Number.POSITIVE_INFINITY;
      // 1 - u is in (0, 1], so the logarithm is finite.
      return -Math.log(1 - random()) / entry.weight;
    }
    case 'lowest-cost':
      return blendedPriceNanoUsdPerMTok(entry.candidate.model, nowMs) ?? Number.POSITIVE_INFINITY;
    case 'lowest-latency': {
      const health = entry.health;
      const measured = streaming
        ? (health?.ttftMs ?? health?.latencyMs)
        : (health?.latencyMs ?? health?.ttftMs);
      if (measured === undefined || !health) return -1;
      const penalty = Math.min(maximumErrorPenalty, 1 / Math.max(1e-9, 1 - health.errorRate));
      return measured * penalty;
    }
    case 'least-busy':
      return entry.health?.inFlight ?? 0;
  }
}
