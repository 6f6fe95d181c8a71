import type { SnapshotBudget, SnapshotModel, SnapshotRateLimit } from '@switchyard/policy';
import { worstCaseCostNanoUsd } from '@switchyard/pricing';
import { budgetCounterKey, budgetPeriod, type BudgetPeriod } from '@switchyard/usage';
import type { RequestContext } from '../chat/request-context.js';

export interface PlannedBudget {
  budget: SnapshotBudget;
  key: string;
  limit: bigint;
  worst: bigint;
  /** Committed spend above which the request is refused (0n: never). */
  blockAt: bigint;
  /** Committed spend above which the request is downgraded (0n: never). */
  downgradeAt: bigint;
  period: BudgetPeriod;
}

export interface PlannedRate {
  limit: SnapshotRateLimit;
  kind: 'requests' | 'tokens';
  max: number;
  amount: number;
  currentKey: string;
  previousKey: string;
  elapsedMs: number;
}

export interface AdmissionPlan {
  budgets: PlannedBudget[];
  rates: PlannedRate[];
}

/** What admission needs to know about the request beyond its context. */
export interface AdmissionRequest {
  model: SnapshotModel;
  promptTokens: number;
  maxOutputTokens: number;
}

/**
 * Works out which budgets and rate limits apply to a request and how much it may cost at worst.
 * Keys are hash-tagged by tenant (`{tenantId}`) so one script call stays on one cluster slot.
 */
export function planAdmission(
  prefix: string,
  context: RequestContext,
  request: AdmissionRequest,
  nowMs: number,
): AdmissionPlan {
  const tenant = context.caller.tenant.tenant;
  const tag = `{${tenant.id}}`;
  const budgets: PlannedBudget[] = [];
  let worst: bigint | undefined;
  for (const budget of tenant.budgets) {
    if (!budgetApplies(budget, context, request.model)) continue;
    worst ??= request.model.prices.length === 0 ? 0n : safeWorst(request, nowMs);
    const period = budgetPeriod(budget.period, tenant.timezone, nowMs);
    const limit = BigInt(budget.limitNanoUsd);
    budgets.push({
      budget,
      // Shared with the worker, which reconciles these counters with Postgres.
      key: budgetCounterKey(prefix, tenant.id, budget.id, period.key),
      limit,
      worst,
      blockAt: blockThreshold(budget, limit),
      downgradeAt: budget.action === 'DOWNGRADE' ? limit : 0n,
      period,
    });
  }
  const rates: PlannedRate[] = [];
  const window = Math.floor(nowMs / 60_000);
  const elapsedMs = nowMs - window * 60_000;
  for (const limit of tenant.rateLimits) {
    if (limit.apiKeyId && limit.apiKeyId !== context.caller.key.id) continue;
    if (limit.modelId && limit.modelId !== request.model.id) continue;
    const scope = `${prefix}rate:${tag}:${limit.id}:${context.caller.key.id}:${limit.modelId ? request.model.id : '*'}`;
    if (limit.requestsPerMinute) {
      rates.push({
        limit,
        kind: 'requests',
        max: limit.requestsPerMinute,
        amount: 1,
        currentKey: `${scope}:r:${window}`,
        previousKey: `${scope}:r:${window - 1}`,
        elapsedMs,
      });
    }
    if (limit.tokensPerMinute) {
      const amount = request.promptTokens + request.maxOutputTokens;
      rates.push({
        limit,
        kind: 'tokens',
        max: limit.tokensPerMinute,
        amount,
        currentKey: `${scope}:t:${window}`,
        previousKey: `${scope}:t:${window - 1}`,
        elapsedMs,
      });
    }
  }
  return { budgets, rates };
}

function safeWorst(request: AdmissionRequest, nowMs: number): bigint {
  try {
    return worstCaseCostNanoUsd(
      request.promptTokens,
      request.maxOutputTokens,
      request.model.prices,
      new Date(nowMs),
    );
  } catch {
    return 0n;
  }
}

/**
 * BLOCK budgets refuse at their limit. DOWNGRADE budgets keep serving on the cheaper model past
 * the limit and refuse only at their highest threshold above 100 % (if any). WARN budgets never
 * refuse.
 */
function blockThreshold(budget: SnapshotBudget, limit: bigint): bigint {
  if (budget.action === 'BLOCK') return limit;
  if (budget.action === 'DOWNGRADE') {
    const hard = Math.max(0, ...budget.alertThresholds.filter((threshold) => threshold > 100));
    return hard > 0 ? (limit * BigInt(hard)) / 100n : 0n;
  }
  return 0n;
}

function budgetApplies(
  budget: SnapshotBudget,
  context: RequestContext,
  model: SnapshotModel,
): boolean {
  switch (budget.scopeType) {
    case 'TENANT':
      return true;
    case 'API_KEY':
      return budget.scopeValue === context.caller.key.id;
    case 'PROVIDER':
      return budget.scopeValue === model.providerType;
    case 'MODEL':
      return budget.scopeValue === model.id || budget.scopeValue === model.canonicalId;
    case 'TAG':
      return (
        budget.scopeValue !== null &&
        budget.scopeValue !== undefined &&
        context.tags.includes(budget.scopeValue)
      );
    case 'END_USER':
      return (
        budget.scopeValue !== null &&
        budget.scopeValue !== undefined &&
        budget.scopeValue === context.endUser
      );
  }
}
