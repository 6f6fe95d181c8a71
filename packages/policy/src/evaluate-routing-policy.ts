import {
  checkRequestFit,
  checkRouteConstraints,
  contextWindowFinding,
  fitsContextWindow,
} from './check-target-fit.js';
import {
  targetForModel,
  type CompiledRoutingPolicy,
  type CompiledRule,
  type CompiledTarget,
} from './compile-routing-policy.js';
import { describeRoutingFailure, type RoutingFailure } from './describe-routing-failure.js';
import { matchConditions } from './match-rule-conditions.js';
import {
  orderByStrategy,
  type CandidateHealth,
  type RankedCandidate,
} from './order-by-strategy.js';
import type { RoutableDeployment, RoutingCatalog } from './routing-catalog.js';
import { exclusionOf, type Exclusion, type ExclusionFinding } from './routing-exclusion.js';
import type { RequestFeatures } from './request-features.js';
import type { Route, RoutingStrategy } from './routing-policy-schema.js';
import type { SnapshotModel } from './snapshot-schema.js';

/** The route name used when no rule matched. */
export const defaultRouteName = 'default';

/** Checks the caller supplies; each returns a finding to exclude a candidate, else undefined. */
export interface RoutingChecks<T extends RoutableDeployment> {
  /** Tenant scope, model and provider allowlists, residency. */
  governance(candidate: T): ExclusionFinding | undefined;
  /** Budget and rate-limit headroom. */
  limits?(candidate: T): ExclusionFinding | undefined;
  /** Live breaker state and moving measures. */
  health?(candidate: T): CandidateHealth | undefined;
}

export interface EvaluateRoutingInput<T extends RoutableDeployment> {
  features: RequestFeatures;
  /** The tenant's compiled policy; undefined when it has none. */
  policy: CompiledRoutingPolicy<T> | undefined;
  /** The default route: the pinned model, then the alias's explicitly named fallbacks. */
  defaultModels: readonly SnapshotModel[];
  catalog: RoutingCatalog<T>;
  checks: RoutingChecks<T>;
  nowMs: number;
  /** Uniform [0, 1) source for the weighted strategy (injected for deterministic tests). */
  random: () => number;
}

export interface RoutingDecision<T extends RoutableDeployment> {
  /** What the evaluator knew about the request. */
  features: RequestFeatures;
  /** The rule that matched; undefined for the default route. */
  rule: CompiledRule<T> | undefined;
  /** The matched rule's name, or `default`. */
  routeName: string;
  strategy: RoutingStrategy;
  allowLargerContext: boolean;
  /** Deployments to try, best first. Empty exactly when `failure` is set. */
  candidates: T[];
  /** The same, with what the strategy weighed (for explanations). */
  ranked: RankedCandidate<T>[];
  /** Every dropped candidate and why, in target order. */
  excluded: Exclusion<T>[];
  failure: RoutingFailure | undefined;
}

const defaultRoute: Pick<Route, 'strategy' | 'allowLargerContext'> = {
  strategy: 'priority',
  allowLargerContext: true,
};

/**
 * Picks the route for one request. The first rule whose conditions hold decides; with none, the
 * default route serves the model asked for (its deployments, then the alias's named fallbacks) —
 * so a pinned version is only ever replaced by a model the policy or the alias names explicitly.
 * Every candidate passes governance, limits, the route's constraints, the capability registry
 * and its breaker before the strategy orders the survivors; each dropped one gets one reason.
 * Pure: all live state (health, random) comes in through the input.
 */
export function evaluateRoutingPolicy<T extends RoutableDeployment>(
  input: EvaluateRoutingInput<T>,
): RoutingDecision<T> {
  const { features, policy, checks, nowMs } = input;
  const rule = policy?.rules.find((candidate) => matchConditions(candidate.conditions, features));
  const route = rule?.route ?? defaultRoute;
  const targets = rule
    ? rule.targets
    : input.defaultModels.map((model) => targetForModel(model, input.catalog));
  const excluded: Exclusion<T>[] = [];
  const survivors: RankedCandidate<T>[] = [];
  const seen = targets.length > 1 ? new Set<string>() : undefined;

  for (const target of targets) {
    if (target.problem) excluded.push(exclusionOf<T>(target.problem, undefined, target.label));
    const totalWeight = sumWeights(target);
    for (const candidate of target.candidates) {
      if (seen) {
        if (seen.has(candidate.id)) continue;
        seen.add(candidate.id);
      }
      const health = checks.health?.(candidate);
      const finding =
        checks.governance(candidate) ??
        checks.limits?.(candidate) ??
        (rule ? checkRouteConstraints(candidate, rule.route, rule.name, nowMs) : undefined) ??
        checkRequestFit(candidate.model, features) ??
        (health?.breakerOpen ? openBreakerFinding(health, nowMs) : undefined);
      if (finding) {
        excluded.push(exclusionOf(finding, candidate, target.label));
        continue;
      }
      survivors.push({
        candidate,
        position: survivors.length,
        weight:
          totalWeight > 0
            ? (target.weight * candidate.weight) / totalWeight
            : target.weight / target.candidates.length,
        health,
        score: 0,
        fitsContext: fitsContextWindow(candidate.model, features),
      });
    }
  }

  let ranked = orderByStrategy(survivors, route.strategy, features.streaming, nowMs, input.random);
  let contextRefused = false;
  if (ranked.some((entry) => !entry.fitsContext)) {
    // Without allowLargerContext, a prompt too long for the preferred target is refused rather
    // than quietly moved to a bigger (often pricier) model.
    contextRefused = !route.allowLargerContext && ranked[0]?.fitsContext === false;
    const fitting: typeof ranked = [];
    for (const entry of ranked) {
      const label = `model ${entry.candidate.model.canonicalId}`;
      if (!entry.fitsContext) {
        excluded.push(
          exclusionOf(
            contextWindowFinding(entry.candidate.model, features),
            entry.candidate,
            label,
          ),
        );
      } else if (contextRefused) {
        excluded.push(exclusionOf(largerContextRefused(routeNameOf(rule)), entry.candidate, label));
      } else {
        fitting.push(entry);
      }
    }
    ranked = fitting;
  }

  const routeName = routeNameOf(rule);
  const failure =
    ranked.length === 0
      ? describeRoutingFailure({ features, routeName, excluded, contextRefused })
      : undefined;
  return {
    features,
    rule,
    routeName,
    strategy: route.strategy,
    allowLargerContext: route.allowLargerContext,
    candidates: ranked.map((entry) => entry.candidate),
    ranked,
    excluded,
    failure,
  };
}

function routeNameOf<T extends RoutableDeployment>(rule: CompiledRule<T> | undefined): string {
  return rule?.name ?? defaultRouteName;
}

function largerContextRefused(routeName: string): ExclusionFinding {
  return {
    reason: 'context_window',
    setting: `rule '${routeName}' route.allowLargerContext`,
    detail:
      'its window is large enough, but the rule does not allow moving an over-long prompt to a larger-context target',
  };
}

function sumWeights<T extends RoutableDeployment>(target: CompiledTarget<T>): number {
  let total = 0;
  for (const candidate of target.candidates) total += candidate.weight;
  return total;
}

function openBreakerFinding(health: CandidateHealth, nowMs: number): ExclusionFinding {
  const retryAfterMs =
    health.retryAtMs === undefined ? undefined : Math.max(0, health.retryAtMs - nowMs);
  return {
    reason: 'open_breaker',
    setting: 'circuit breaker',
    detail: `recent failures opened the circuit (error rate ${Math.round(health.errorRate * 100)}%)${retryAfterMs === undefined ? '' : `; probes again in ${retryAfterMs} ms`}`,
    retryAfterMs,
  };
}
