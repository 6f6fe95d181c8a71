import { contextTokensNeeded } from './check-target-fit.js';
import type { RoutableDeployment } from './routing-catalog.js';
import type { Exclusion, ExclusionFault, ExclusionReason } from './routing-exclusion.js';
import type { RequestFeatures } from './request-features.js';

/** Why no candidate is left, ready to become an HTTP error (the data plane wraps it). */
export interface RoutingFailure {
  /** `context_length_exceeded`, `unsupported_capability`, `max_output_exceeded` (caller), `no_allowed_route` (policy), `no_healthy_route` (provider), `route_unavailable` (gateway). */
  code: string;
  status: 400 | 403 | 503;
  fault: ExclusionFault;
  /** The request parameter to change, for caller faults. */
  param: string | undefined;
  message: string;
  retryAfterMs: number | undefined;
}

interface FailureInput<T extends RoutableDeployment> {
  features: RequestFeatures;
  routeName: string;
  excluded: readonly Exclusion<T>[];
  /** The route refused to move an over-long prompt to a larger window. */
  contextRefused: boolean;
}

/** Caller faults, most actionable first: one fix the caller can make. */
const callerReasons: readonly ExclusionReason[] = ['context_window', 'capability', 'max_output'];
const maximumListed = 12;

/**
 * Turns the exclusions of a request nothing can serve into one error. A caller fault wins (the
 * request itself must change: a 400 naming the parameter); then an open breaker (503, retry
 * later); then the gateway's own trouble (503); otherwise the policy refused every target (403).
 * The message always lists which setting excluded which target.
 */
export function describeRoutingFailure<T extends RoutableDeployment>(
  input: FailureInput<T>,
): RoutingFailure {
  const { excluded, features } = input;
  const listing = listExclusions(excluded);
  for (const reason of callerReasons) {
    const hits = excluded.filter((exclusion) => exclusion.reason === reason);
    if (hits.length === 0) continue;
    if (reason === 'context_window') return contextFailure(input, hits);
    const first = hits[0]!;
    return {
      code: reason === 'capability' ? 'unsupported_capability' : 'max_output_exceeded',
      status: 400,
      fault: 'caller',
      param: first.param,
      message: `No target for '${features.requestedModel}' can serve this request: ${first.detail}. Change '${first.param ?? 'the request'}' or use a model that supports it. Excluded: ${listing}.`,
      retryAfterMs: undefined,
    };
  }
  const scope = `No allowed route can serve '${features.requestedModel}' (route '${input.routeName}')`;
  const breakers = excluded.filter((exclusion) => exclusion.reason === 'open_breaker');
  if (breakers.length > 0) {
    return {
      code: 'no_healthy_route',
      status: 503,
      fault: 'provider',
      param: undefined,
      message: `${scope}: every allowed deployment is failing. Excluded: ${listing}.`,
      retryAfterMs: earliestRetry(breakers),
    };
  }
  const gatewaySide = excluded.some((exclusion) => exclusion.fault === 'gateway');
  return {
    code: gatewaySide ? 'route_unavailable' : 'no_allowed_route',
    status: gatewaySide ? 503 : 403,
    fault: gatewaySide ? 'gateway' : 'policy',
    param: undefined,
    message: `${scope}. Excluded: ${listing || 'no targets'}.`,
    retryAfterMs: undefined,
  };
}

/** One line per exclusion: `deployment eu-1 (openai, eu-west): residency by tenant.allowedRegions — …`. */
export function describeExclusion<T extends RoutableDeployment>(exclusion: Exclusion<T>): string {
  const candidate = exclusion.candidate;
  const where = candidate
    ? `${candidate.name} (${candidate.provider}${candidate.region ? `, ${candidate.region}` : ''})`
    : exclusion.target;
  return `${where}: ${exclusion.reason} by ${exclusion.setting} — ${exclusion.detail}`;
}

function listExclusions<T extends RoutableDeployment>(excluded: readonly Exclusion<T>[]): string {
  const shown = excluded.slice(0, maximumListed).map(describeExclusion);
  if (excluded.length > maximumListed) shown.push(`and ${excluded.length - maximumListed} more`);
  return shown.join('; ');
}

function contextFailure<T extends RoutableDeployment>(
  input: FailureInput<T>,
  hits: Exclusion<T>[],
): RoutingFailure {
  const { features } = input;
  const tooSmall = hits.filter((hit) => hit.setting === 'model.contextWindow' && hit.candidate);
  // Refused: name the preferred target (ranked first); otherwise the largest window we had.
  const named = input.contextRefused
    ? tooSmall[0]
    : tooSmall.reduce<Exclusion<T> | undefined>(
        (largest, hit) =>
          !largest || hit.candidate!.model.contextWindow > largest.candidate!.model.contextWindow
            ? hit
            : largest,
        undefined,
      );
  const model = named?.candidate?.model;
  const need = contextTokensNeeded(features);
  const parts = `estimated prompt ${features.promptTokens}${features.maxOutputTokens ? ` + max output ${features.maxOutputTokens}` : ''}`;
  const window = model
    ? `the ${model.contextWindow}-token context window of ${model.canonicalId}`
    : 'every allowed context window';
  const tail = input.contextRefused
    ? `, and route '${input.routeName}' does not allow moving it to a larger-context target`
    : ', the largest among the allowed targets';
  return {
    code: 'context_length_exceeded',
    status: 400,
    fault: 'caller',
    param: 'messages',
    message: `This request needs about ${need} tokens (${parts}), more than ${window}${tail}. Shorten the prompt or lower max_tokens.`,
    retryAfterMs: undefined,
  };
}

function earliestRetry<T extends RoutableDeployment>(breakers: Exclusion<T>[]): number {
  let earliest = Number.POSITIVE_INFINITY;
  for (const exclusion of breakers)
    earliest = Math.min(earliest, exclusion.retryAfterMs ?? Number.POSITIVE_INFINITY);
  // Unknown cool-down: a second is a polite default for a client retry.
  return Number.isFinite(earliest) ? earliest : 1_000;
}
