import { NotFoundError, PermissionDeniedError } from '@switchyard/errors';
import type { SnapshotModel } from '@switchyard/policy';
import type { CompiledKey, CompiledSnapshot } from '../snapshot/compiled-snapshot.js';

export interface ResolvedModel {
  /** The name the caller sent. */
  requested: string;
  /** The pinned catalog model that will be served. */
  model: SnapshotModel;
  /** Models the alias explicitly allows as fallbacks (never used unless named). */
  fallbacks: SnapshotModel[];
  alias: string | undefined;
}

/**
 * Resolves what the caller asked for to one pinned catalog model: a tenant alias, then a global
 * alias, then a catalog id. Allowlists of the key and the tenant apply to the requested name and
 * to the pinned id, so an admin may allow either.
 */
export function resolveModel(
  requested: string,
  caller: CompiledKey,
  snapshot: CompiledSnapshot,
): ResolvedModel {
  const pin = caller.tenant.aliases.get(requested);
  const model = pin
    ? snapshot.models.get(pin.modelId)
    : (snapshot.modelsByCanonicalId.get(requested) ?? snapshot.models.get(requested));
  if (!model) {
    throw new NotFoundError(
      `The model '${requested}' does not exist or is not available to this key. GET /v1/models lists the models you can use.`,
      'model_not_found',
      'model',
    );
  }
  assertAllowed(requested, model, caller.key.allowedModels, 'API key');
  assertAllowed(requested, model, caller.tenant.tenant.allowedModels, 'tenant');
  const fallbacks: SnapshotModel[] = [];
  for (const fallbackId of pin?.fallbackModelIds ?? []) {
    const fallback = snapshot.models.get(fallbackId);
    if (fallback && isAllowed(requested, fallback, caller)) fallbacks.push(fallback);
  }
  return { requested, model, fallbacks, alias: pin ? requested : undefined };
}

function isAllowed(requested: string, model: SnapshotModel, caller: CompiledKey): boolean {
  return (
    matchesAllowlist(requested, model, caller.key.allowedModels) &&
    matchesAllowlist(requested, model, caller.tenant.tenant.allowedModels)
  );
}

function matchesAllowlist(requested: string, model: SnapshotModel, allowlist: string[]): boolean {
  return (
    allowlist.length === 0 ||
    allowlist.includes(requested) ||
    allowlist.includes(model.canonicalId) ||
    allowlist.includes(model.id)
  );
}

function assertAllowed(
  requested: string,
  model: SnapshotModel,
  allowlist: string[],
  owner: 'API key' | 'tenant',
): void {
  if (matchesAllowlist(requested, model, allowlist)) return;
  throw new PermissionDeniedError(
    `The model '${requested}' is not allowed for this ${owner}. Allowed: ${allowlist.join(', ')}.`,
    'model_not_allowed',
    { rule: owner === 'API key' ? 'key.allowedModels' : 'tenant.allowedModels' },
  );
}
