import { compileConditions, type CompiledConditions } from './match-rule-conditions.js';
import type { RoutableDeployment, RoutingCatalog } from './routing-catalog.js';
import type { ExclusionFinding } from './routing-exclusion.js';
import type { Failover, Route, RoutingPolicyDocument } from './routing-policy-schema.js';
import type { SnapshotModel } from './snapshot-schema.js';

/** A route target resolved against the catalog: the deployments it stands for. */
export interface CompiledTarget<T extends RoutableDeployment> {
  /** How the policy named it: `deployment eu-openai` or `model gpt-4.1-2025-04-14`. */
  label: string;
  /** The target's weight for the `weighted` strategy (default 1). */
  weight: number;
  candidates: readonly T[];
  /** Why the target stands for no deployment at all, if so. */
  problem: ExclusionFinding | undefined;
}

export interface CompiledRule<T extends RoutableDeployment> {
  name: string;
  /** Position in the policy (0-based), for explanations. */
  index: number;
  conditions: CompiledConditions;
  route: Route;
  targets: readonly CompiledTarget<T>[];
}

/** A tenant's routing policy with conditions and targets resolved once per snapshot. */
export interface CompiledRoutingPolicy<T extends RoutableDeployment> {
  rules: readonly CompiledRule<T>[];
  failover: Failover;
}

/** The tenant a policy is compiled for: its id (deployment names) and alias pins (model targets). */
export interface PolicyScope {
  tenantId: string;
  aliases: ReadonlyMap<string, { modelId: string }>;
}

/**
 * Resolves every rule's targets against the catalog and precompiles its conditions. Called once
 * per snapshot and tenant, so request-time evaluation never parses or searches.
 */
export function compileRoutingPolicy<T extends RoutableDeployment>(
  document: RoutingPolicyDocument,
  catalog: RoutingCatalog<T>,
  scope: PolicyScope,
): CompiledRoutingPolicy<T> {
  const rules = document.rules.map((rule, index) => ({
    name: rule.name,
    index,
    conditions: compileConditions(rule.when),
    route: rule.route,
    targets: rule.route.targets.map((target) =>
      target.deployment !== undefined
        ? deploymentTarget(target.deployment, target.weight ?? 1, rule.name, catalog, scope)
        : modelTarget(target.model ?? '', target.weight ?? 1, rule.name, catalog, scope),
    ),
  }));
  return { rules, failover: document.failover };
}

/** The target standing for every deployment of a catalog model (also used by the default route). */
export function targetForModel<T extends RoutableDeployment>(
  model: SnapshotModel,
  catalog: RoutingCatalog<T>,
  weight = 1,
): CompiledTarget<T> {
  const candidates = catalog.deploymentsOfModel(model.id);
  const label = `model ${model.canonicalId}`;
  const problem: ExclusionFinding | undefined =
    candidates.length === 0
      ? {
          reason: 'no_deployment',
          setting: 'deployments',
          detail: `${model.canonicalId} has no deployment`,
        }
      : undefined;
  return { label, weight, candidates, problem };
}

function deploymentTarget<T extends RoutableDeployment>(
  reference: string,
  weight: number,
  ruleName: string,
  catalog: RoutingCatalog<T>,
  scope: PolicyScope,
): CompiledTarget<T> {
  const label = `deployment ${reference}`;
  const found = catalog.deployment(reference, scope.tenantId);
  if (found) return { label, weight, candidates: [found], problem: undefined };
  const unavailable = catalog.unavailableDeployment?.(reference);
  const problem: ExclusionFinding = unavailable
    ? {
        reason: 'deployment_unavailable',
        setting: `rule '${ruleName}' targets`,
        detail: unavailable,
      }
    : {
        reason: 'unknown_target',
        setting: `rule '${ruleName}' targets`,
        detail: `no deployment '${reference}' exists for this tenant`,
      };
  return { label, weight, candidates: [], problem };
}

function modelTarget<T extends RoutableDeployment>(
  reference: string,
  weight: number,
  ruleName: string,
  catalog: RoutingCatalog<T>,
  scope: PolicyScope,
): CompiledTarget<T> {
  const pin = scope.aliases.get(reference);
  const model = catalog.model(reference) ?? (pin ? catalog.model(pin.modelId) : undefined);
  if (!model) {
    return {
      label: `model ${reference}`,
      weight,
      candidates: [],
      problem: {
        reason: 'unknown_target',
        setting: `rule '${ruleName}' targets`,
        detail: `no model or alias '${reference}' exists`,
      },
    };
  }
  return targetForModel(model, catalog, weight);
}
