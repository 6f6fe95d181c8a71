/**
 * The closed vocabulary of reasons a deployment is not used for a request. Every reason belongs
 * to exactly one side, so an admin can tell at a glance whether the caller must change the
 * request, the policy excluded the target on purpose, the provider is failing, or the gateway
 * itself cannot use the deployment. Headers, the explain endpoint, "no route" errors and usage
 * data all use these words; adding one is a contract change (add, never repurpose).
 */
export const exclusionReasonFaults = {
  // The caller's request cannot be served by this target.
  /** The request needs a capability (tools, vision, audio, JSON schema…) the model lacks. */
  capability: 'caller',
  /** Estimated prompt + requested output does not fit the model's context window. */
  context_window: 'caller',
  /** The requested max output tokens exceed what the model can produce. */
  max_output: 'caller',

  // The policy (tenant, key or routing rule) excludes the target on purpose.
  /** The deployment or its provider account belongs to another tenant. */
  tenant_scope: 'policy',
  key_model_allowlist: 'policy',
  tenant_model_allowlist: 'policy',
  key_provider_allowlist: 'policy',
  tenant_provider_allowlist: 'policy',
  tenant_provider_blocked: 'policy',
  /** The deployment's region is not in the tenant's allowed regions. */
  residency: 'policy',
  /** The route's `providers` constraint. */
  route_provider: 'policy',
  /** The route's `regions` constraint. */
  route_region: 'policy',
  /** The route's `requires` capabilities. */
  required_capability: 'policy',
  /** The route's `maxPriceNanoUsdPerMTok` ceiling (or no price is known to check it). */
  price_cap: 'policy',
  /** The route's `minQuality` floor. */
  quality_floor: 'policy',
  /** A budget for this scope is exhausted and set to block. */
  budget: 'policy',
  /** A rate limit for this scope has no headroom. */
  rate_limit: 'policy',
  /** A rule names a deployment or model that does not exist for this tenant. */
  unknown_target: 'policy',
  /** The model has no deployment at all. */
  no_deployment: 'policy',

  // The provider is failing.
  /** The deployment's circuit breaker is open after recent failures. */
  open_breaker: 'provider',

  // The gateway cannot use the deployment.
  /** Known to the snapshot, but the gateway could not load it (no adapter, unreadable key). */
  deployment_unavailable: 'gateway',
} as const;

export type ExclusionReason = keyof typeof exclusionReasonFaults;
export type ExclusionFault = (typeof exclusionReasonFaults)[ExclusionReason];

/** What a check found wrong with one candidate: the reason, the setting that decided, detail. */
export interface ExclusionFinding {
  reason: ExclusionReason;
  /** The configuration that excluded it, e.g. `tenant.allowedRegions`, `rule 'eu-only' route.providers`. */
  setting: string;
  /** Human detail, e.g. `region us-east-1 is not in [eu-west-1]`. */
  detail: string;
  /** For caller faults: the request parameter to change (`tools`, `max_tokens`, `messages`). */
  param?: string | undefined;
  /** For an open breaker: how long until it lets a probe through. */
  retryAfterMs?: number | undefined;
}

/** One dropped candidate (a deployment, or a target that resolved to none). */
export interface Exclusion<T> extends ExclusionFinding {
  fault: ExclusionFault;
  /** The deployment, when the exclusion concerns one. */
  candidate: T | undefined;
  /** How the route named it (`deployment eu-openai`, `model gpt-4.1-2025-04-14`). */
  target: string;
}

/** The side at fault for a reason. */
export function faultOf(reason: ExclusionReason): ExclusionFault {
  return exclusionReasonFaults[reason];
}

/** Builds an exclusion from a finding. */
export function exclusionOf<T>(
  finding: ExclusionFinding,
  candidate: T | undefined,
  target: string,
): Exclusion<T> {
  return { ...finding, fault: exclusionReasonFaults[finding.reason], candidate, target };
}
