import type { RequestFeatures } from './request-features.js';
import type { RuleConditions } from './routing-policy-schema.js';

/** A rule's conditions turned into sets and pairs once per snapshot, so matching only looks up. */
export interface CompiledConditions {
  models: ReadonlySet<string> | undefined;
  promptTokensMin: number | undefined;
  promptTokensMax: number | undefined;
  features: RuleConditions['features'];
  tags: readonly (readonly [string, string])[] | undefined;
  headers: readonly (readonly [string, string])[] | undefined;
  keys: ReadonlySet<string> | undefined;
  users: ReadonlySet<string> | undefined;
}

/** Value in a `tags` or `headers` condition meaning "present, with any value". */
export const anyValue = '*';

/** Prepares conditions for matching (header names are lower-cased: Node delivers them so). */
export function compileConditions(conditions: RuleConditions): CompiledConditions {
  return {
    models: conditions.models ? new Set(conditions.models) : undefined,
    promptTokensMin: conditions.promptTokens?.min,
    promptTokensMax: conditions.promptTokens?.max,
    features: conditions.features,
    tags: conditions.tags ? Object.entries(conditions.tags) : undefined,
    headers: conditions.headers
      ? Object.entries(conditions.headers).map(
          ([name, value]) => [name.toLowerCase(), value] as const,
        )
      : undefined,
    keys: conditions.keys ? new Set(conditions.keys) : undefined,
    users: conditions.users ? new Set(conditions.users) : undefined,
  };
}

/**
 * True when every given condition holds (AND); a list condition holds when any element matches
 * (OR). `models` matches the requested name or the catalog/canonical id it resolved to, so one
 * rule covers both an alias and the version it pins. Token ranges are inclusive.
 */
export function matchConditions(
  conditions: CompiledConditions,
  features: RequestFeatures,
): boolean {
  if (conditions.models && !matchesModel(conditions.models, features)) return false;
  if (
    conditions.promptTokensMin !== undefined &&
    features.promptTokens < conditions.promptTokensMin
  )
    return false;
  if (
    conditions.promptTokensMax !== undefined &&
    features.promptTokens > conditions.promptTokensMax
  )
    return false;
  const wanted = conditions.features;
  if (wanted) {
    if (wanted.tools !== undefined && wanted.tools !== features.tools) return false;
    if (wanted.images !== undefined && wanted.images !== features.images) return false;
    if (
      wanted.jsonOutput !== undefined &&
      wanted.jsonOutput !== (features.jsonOutput !== undefined)
    )
      return false;
    if (wanted.streaming !== undefined && wanted.streaming !== features.streaming) return false;
  }
  if (conditions.keys && !conditions.keys.has(features.keyId)) return false;
  if (
    conditions.users &&
    (features.endUser === undefined || !conditions.users.has(features.endUser))
  )
    return false;
  if (conditions.tags) {
    for (const [name, value] of conditions.tags) {
      const actual = features.tags.get(name);
      if (actual === undefined || (value !== anyValue && actual !== value)) return false;
    }
  }
  if (conditions.headers) {
    for (const [name, value] of conditions.headers) {
      if (!headerMatches(features.headers[name], value)) return false;
    }
  }
  return true;
}

function matchesModel(models: ReadonlySet<string>, features: RequestFeatures): boolean {
  if (models.has(features.requestedModel)) return true;
  for (const id of features.resolvedModelIds) if (models.has(id)) return true;
  return false;
}

function headerMatches(actual: string | string[] | undefined, expected: string): boolean {
  if (actual === undefined) return false;
  if (expected === anyValue) return true;
  if (typeof actual === 'string') return actual === expected;
  return actual.includes(expected);
}
