import { GatewayError } from '@switchyard/errors';
import type { SnapshotModel } from '@switchyard/policy';
import type {
  CompiledDeployment,
  CompiledKey,
  CompiledSnapshot,
} from '../snapshot/compiled-snapshot.js';
import type { ResolvedModel } from './resolve-model.js';

/** Why a deployment was not used; one closed vocabulary shared with headers and usage events. */
export type ExclusionReason =
  | 'tenant_scope'
  | 'key_provider_allowlist'
  | 'tenant_provider_allowlist'
  | 'tenant_provider_blocked'
  | 'residency'
  | 'no_deployment';

export interface Exclusion {
  deploymentId: string | undefined;
  modelId: string;
  provider: string | undefined;
  reason: ExclusionReason;
}

export interface CandidateSet {
  candidates: CompiledDeployment[];
  excluded: Exclusion[];
}

/**
 * Lists the deployments that may serve a resolved model, pinned model first, then the alias's
 * explicitly named fallbacks. Governance (tenant scope, provider allow/block lists, residency) is
 * applied here, once, so that failover can never step outside it.
 */
export function selectCandidates(
  resolved: ResolvedModel,
  caller: CompiledKey,
  snapshot: CompiledSnapshot,
): CandidateSet {
  const candidates: CompiledDeployment[] = [];
  const excluded: Exclusion[] = [];
  for (const model of [resolved.model, ...resolved.fallbacks]) {
    collect(model, caller, snapshot, candidates, excluded);
  }
  if (candidates.length === 0) throw noRouteError(resolved, excluded);
  return { candidates, excluded };
}

function collect(
  model: SnapshotModel,
  caller: CompiledKey,
  snapshot: CompiledSnapshot,
  candidates: CompiledDeployment[],
  excluded: Exclusion[],
): void {
  const deployments = snapshot.deploymentsByModel.get(model.id);
  if (!deployments || deployments.length === 0) {
    excluded.push({ deploymentId: undefined, modelId: model.id, provider: undefined, reason: 'no_deployment' });
    return;
  }
  for (const compiled of deployments) {
    const reason = exclusionReason(compiled, caller);
    if (reason) {
      excluded.push({
        deploymentId: compiled.deployment.id,
        modelId: model.id,
        provider: compiled.account.providerType,
        reason,
      });
    } else {
      candidates.push(compiled);
    }
  }
}

/** Returns why a deployment is off-limits for this caller, or undefined when it is allowed. */
export function exclusionReason(
  compiled: CompiledDeployment,
  caller: CompiledKey,
): ExclusionReason | undefined {
  const tenantId = caller.tenant.tenant.id;
  const { deployment, account } = compiled;
  if ((deployment.tenantId && deployment.tenantId !== tenantId) || (account.tenantId && account.tenantId !== tenantId)) {
    return 'tenant_scope';
  }
  const provider = account.providerType;
  const tenant = caller.tenant.tenant;
  if (caller.key.allowedProviders.length > 0 && !caller.key.allowedProviders.includes(provider)) {
    return 'key_provider_allowlist';
  }
  if (tenant.allowedProviders.length > 0 && !tenant.allowedProviders.includes(provider)) {
    return 'tenant_provider_allowlist';
  }
  if (tenant.blockedProviders.includes(provider)) return 'tenant_provider_blocked';
  const region = deployment.region ?? account.region ?? undefined;
  if (tenant.allowedRegions.length > 0 && (!region || !tenant.allowedRegions.includes(region))) {
    return 'residency';
  }
  return undefined;
}

function noRouteError(resolved: ResolvedModel, excluded: Exclusion[]): GatewayError {
  const reasons = excluded
    .map((entry) => `${entry.deploymentId ?? entry.modelId}: ${entry.reason}`)
    .join('; ');
  return new GatewayError(
    `No allowed route can serve '${resolved.requested}'. Excluded: ${reasons || 'no deployments'}.`,
    { code: 'no_route', status: 503, fault: 'policy', details: { excluded } },
  );
}
