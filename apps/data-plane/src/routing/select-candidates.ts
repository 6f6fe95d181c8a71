import { GatewayError } from '@switchyard/errors';
import {
  describeExclusion,
  exclusionOf,
  type Exclusion,
  type ExclusionFinding,
  type ExclusionReason,
  type SnapshotModel,
} from '@switchyard/policy';
import type { CompiledDeployment, CompiledKey } from '../snapshot/compiled-snapshot.js';
import type { ResolvedModel } from './resolve-model.js';

/** Why a deployment was not used: the one closed vocabulary, shared with headers, explain and usage. */
export type { ExclusionReason } from '@switchyard/policy';

export interface CandidateSet {
  candidates: CompiledDeployment[];
  excluded: Exclusion<CompiledDeployment>[];
}

/**
 * Governance-only candidate list (tenant scope, provider allow/block lists, residency) for
 * endpoints without a routing policy (embeddings, completions): the pinned model's deployments,
 * then the alias's explicitly named fallbacks. Chat goes through select-route.ts instead, which
 * adds the policy, the capability registry and health on top of the same governance check.
 */
export function selectCandidates(resolved: ResolvedModel, caller: CompiledKey): CandidateSet {
  const candidates: CompiledDeployment[] = [];
  const excluded: Exclusion<CompiledDeployment>[] = [];
  for (const model of [resolved.model, ...resolved.fallbacks]) {
    const deployments = caller.tenant.deploymentsByModel.get(model.id) ?? [];
    const label = `model ${model.canonicalId}`;
    if (deployments.length === 0) {
      excluded.push(
        exclusionOf<CompiledDeployment>(
          {
            reason: 'no_deployment',
            setting: 'deployments',
            detail: `${model.canonicalId} has no deployment`,
          },
          undefined,
          label,
        ),
      );
    }
    for (const compiled of deployments) {
      const finding = governanceFinding(compiled, caller);
      if (finding) excluded.push(exclusionOf(finding, compiled, label));
      else candidates.push(compiled);
    }
  }
  if (candidates.length === 0) {
    throw new GatewayError(
      `No allowed route can serve '${resolved.requested}'. Excluded: ${excluded.map(describeExclusion).join('; ') || 'no deployments'}.`,
      {
        code: 'no_allowed_route',
        status: 403,
        fault: 'policy',
        details: { excluded: excluded.map(summarizeExclusion) },
      },
    );
  }
  return { candidates, excluded };
}

/** Returns why a deployment is off-limits for this caller, or undefined when it is allowed. */
export function exclusionReason(
  compiled: CompiledDeployment,
  caller: CompiledKey,
): ExclusionReason | undefined {
  return governanceFinding(compiled, caller)?.reason;
}

/**
 * Tenant scope, provider allow/block lists and residency for one deployment, naming the
 * setting that excludes it. Applied to every candidate before any attempt, so failover can never
 * step outside it.
 */
export function governanceFinding(
  compiled: CompiledDeployment,
  caller: CompiledKey,
): ExclusionFinding | undefined {
  const tenant = caller.tenant.tenant;
  const { deployment, account, provider, region } = compiled;
  if (
    (deployment.tenantId && deployment.tenantId !== tenant.id) ||
    (account.tenantId && account.tenantId !== tenant.id)
  ) {
    return {
      reason: 'tenant_scope',
      setting: 'deployment.tenantId',
      detail: 'the deployment belongs to another tenant',
    };
  }
  const keyProviders = caller.key.allowedProviders;
  if (keyProviders.length > 0 && !keyProviders.includes(provider)) {
    return {
      reason: 'key_provider_allowlist',
      setting: 'key.allowedProviders',
      detail: `provider ${provider} is not in [${keyProviders.join(', ')}]`,
    };
  }
  if (tenant.allowedProviders.length > 0 && !tenant.allowedProviders.includes(provider)) {
    return {
      reason: 'tenant_provider_allowlist',
      setting: 'tenant.allowedProviders',
      detail: `provider ${provider} is not in [${tenant.allowedProviders.join(', ')}]`,
    };
  }
  if (tenant.blockedProviders.includes(provider)) {
    return {
      reason: 'tenant_provider_blocked',
      setting: 'tenant.blockedProviders',
      detail: `provider ${provider} is blocked for this tenant`,
    };
  }
  if (tenant.allowedRegions.length > 0 && (!region || !tenant.allowedRegions.includes(region))) {
    return {
      reason: 'residency',
      setting: 'tenant.allowedRegions',
      detail: `region ${region ?? '(unspecified)'} is not in [${tenant.allowedRegions.join(', ')}]`,
    };
  }
  return undefined;
}

/**
 * Model allowlists for a model other than the one the caller asked for (a rule's target): it
 * must be allowed by its own id or canonical id — being reached through an allowed alias is
 * not enough, or a rule could smuggle in a model the key may not use.
 */
export function modelAllowlistFinding(
  model: SnapshotModel,
  caller: CompiledKey,
): ExclusionFinding | undefined {
  const keyList = caller.key.allowedModels;
  if (keyList.length > 0 && !keyList.includes(model.id) && !keyList.includes(model.canonicalId)) {
    return {
      reason: 'key_model_allowlist',
      setting: 'key.allowedModels',
      detail: `${model.canonicalId} is not in [${keyList.join(', ')}]`,
    };
  }
  const tenantList = caller.tenant.tenant.allowedModels;
  if (
    tenantList.length > 0 &&
    !tenantList.includes(model.id) &&
    !tenantList.includes(model.canonicalId)
  ) {
    return {
      reason: 'tenant_model_allowlist',
      setting: 'tenant.allowedModels',
      detail: `${model.canonicalId} is not in [${tenantList.join(', ')}]`,
    };
  }
  return undefined;
}

/** An exclusion as plain JSON (error details, explain output): no object graphs, no secrets. */
export function summarizeExclusion(exclusion: Exclusion<CompiledDeployment>) {
  const candidate = exclusion.candidate;
  return {
    target: exclusion.target,
    deploymentId: candidate?.id ?? null,
    deployment: candidate?.name ?? null,
    provider: candidate?.provider ?? null,
    model: candidate?.model.canonicalId ?? null,
    region: candidate?.region ?? null,
    reason: exclusion.reason,
    fault: exclusion.fault,
    setting: exclusion.setting,
    detail: exclusion.detail,
  };
}
