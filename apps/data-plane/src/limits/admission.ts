import { GatewayError } from '@switchyard/errors';
import type { SnapshotModel } from '@switchyard/policy';
import type { Redis } from 'ioredis';
import type { Logger } from 'pino';
import type { RequestContext } from '../chat/request-context.js';
import { admissionScript, settleScript } from './admission-script.js';
import { LocalRateWindows } from './local-rate-windows.js';
import { planAdmission, type AdmissionPlan, type AdmissionRequest } from './plan-admission.js';
import { rateLimitHeaders } from './rate-limit-headers.js';
import { armStreamBudgetGuard } from './stream-budget-guard.js';
import { selectPrice } from '@switchyard/pricing';

export interface AdmissionResult {
  headers: Record<string, string>;
  /** Set when a DOWNGRADE budget reached its limit: serve this cheaper model instead. */
  downgradeTo: SnapshotModel | undefined;
}

interface Reservation {
  plan: AdmissionPlan;
  estimatedTokens: number;
}

type RedisWithScripts = Redis & {
  switchyardAdmit(keys: number, ...args: (string | number)[]): Promise<number[]>;
  switchyardSettle(keys: number, ...args: (string | number)[]): Promise<number>;
};

/**
 * Budgets and rate limits, enforced before a request runs (one atomic script: check + reserve)
 * and settled after it (reservation → actual cost). Overshoot of a budget is therefore bounded by
 * the difference between worst-case and actual cost of requests in flight. If Redis is
 * unreachable, rate limits are enforced per process and budgets by their last known state.
 */
export class Admission {
  private readonly reservations = new WeakMap<RequestContext, Reservation>();
  private readonly local = new LocalRateWindows();
  /** Budget key → committed spend last seen, for enforcing budgets while Redis is down. */
  private readonly lastCommitted = new Map<string, bigint>();
  private lastErrorLogAt = 0;

  constructor(
    private readonly redis: Redis | undefined,
    private readonly prefix: string,
    private readonly logger: Logger,
    private readonly now: () => number,
  ) {
    redis?.defineCommand('switchyardAdmit', { lua: admissionScript });
    redis?.defineCommand('switchyardSettle', { lua: settleScript });
  }

  /** Checks and reserves; throws a 429 GatewayError when a budget or rate limit says no. */
  async admit(context: RequestContext, request: AdmissionRequest): Promise<AdmissionResult> {
    const nowMs = this.now();
    const plan = planAdmission(this.prefix, context, request, nowMs);
    if (plan.budgets.length === 0 && plan.rates.length === 0)
      return { headers: {}, downgradeTo: undefined };
    const verdict = await this.evaluate(plan);
    if (verdict.kind === 'budget') {
      const { budget, limit, period } = plan.budgets[verdict.index]!;
      throw new GatewayError(
        `Budget '${budget.name}' (${budget.period.toLowerCase()}, ${period.key}) is exhausted: its limit is ${limit} nano-USD. Raise the budget or wait for the next period.`,
        {
          code: 'budget_exceeded',
          status: 429,
          fault: 'policy',
          retryAfterMs: period.secondsLeft * 1000,
          details: { budget_id: budget.id, budget_name: budget.name },
        },
      );
    }
    const headers = rateLimitHeaders(
      plan,
      verdict.kind === 'admitted' ? verdict.remaining : undefined,
      nowMs,
    );
    if (verdict.kind === 'rate') {
      const rate = plan.rates[verdict.index]!;
      const error = new GatewayError(
        `Rate limit reached: ${rate.max} ${rate.kind} per minute for this key${rate.limit.modelId ? ' and model' : ''}. Retry after ${Math.ceil(verdict.retryAfterMs / 1000)} s.`,
        {
          code: 'rate_limit_exceeded',
          status: 429,
          fault: 'policy',
          retryAfterMs: verdict.retryAfterMs,
          details: { rate_limit_id: rate.limit.id, limit_type: rate.kind },
          headers,
        },
      );
      throw error;
    }
    this.reservations.set(context, {
      plan,
      estimatedTokens: request.promptTokens + request.maxOutputTokens,
    });
    if (context.stream) armGuard(context, plan, request, verdict.used, nowMs);
    for (const [index, planned] of plan.budgets.entries()) {
      const used = verdict.used[index] ?? 0n;
      this.lastCommitted.set(planned.key, used + planned.worst);
      const percent = planned.limit > 0n ? Number((used * 100n) / planned.limit) : 0;
      const crossed = planned.budget.alertThresholds.filter((threshold) => percent >= threshold);
      if (crossed.length > 0)
        headers['x-switchyard-budget-warning'] =
          `${planned.budget.name} at ${percent}% of its ${planned.budget.period.toLowerCase()} limit`;
    }
    let downgradeTo: SnapshotModel | undefined;
    if (verdict.downgradeIndex > 0) {
      const planned = plan.budgets[verdict.downgradeIndex - 1]!;
      downgradeTo = planned.budget.downgradeModelId
        ? context.snapshot.models.get(planned.budget.downgradeModelId)
        : undefined;
      if (downgradeTo)
        headers['x-switchyard-budget-downgrade'] =
          `${planned.budget.name}: ${request.model.canonicalId} -> ${downgradeTo.canonicalId}`;
    }
    return { headers, downgradeTo };
  }

  /** Budget ids a request reserved against (carried in its usage event). */
  budgetIds(context: RequestContext): string[] {
    return this.reservations.get(context)?.plan.budgets.map((planned) => planned.budget.id) ?? [];
  }

  /** Releases the reservation and books the actual cost; never throws, never awaits on the caller. */
  settle(context: RequestContext, actualCost: bigint, actualTokens: number): void {
    const reservation = this.reservations.get(context);
    if (!reservation) return;
    this.reservations.delete(context);
    const { plan } = reservation;
    const tokenRates = plan.rates.filter((rate) => rate.kind === 'tokens');
    if (!this.redis || this.redis.status !== 'ready') {
      for (const rate of tokenRates)
        this.local.add(rate.currentKey, actualTokens - reservation.estimatedTokens);
      return;
    }
    const keys = [
      ...plan.budgets.map((planned) => planned.key),
      ...tokenRates.map((rate) => rate.currentKey),
    ];
    const args: (string | number)[] = [plan.budgets.length];
    for (const planned of plan.budgets)
      args.push(
        planned.worst.toString(),
        actualCost.toString(),
        planned.period.secondsLeft + 86_400,
      );
    for (const _rate of tokenRates) args.push(actualTokens - reservation.estimatedTokens);
    (this.redis as RedisWithScripts)
      .switchyardSettle(keys.length, ...keys, ...args)
      .catch((error: unknown) => this.logFailure(error, 'settle'));
  }

  private async evaluate(plan: AdmissionPlan): Promise<Verdict> {
    if (this.redis && this.redis.status === 'ready') {
      try {
        return parseVerdict(await this.runScript(plan), plan);
      } catch (error) {
        this.logFailure(error, 'admit');
      }
    }
    return this.evaluateLocally(plan);
  }

  private runScript(plan: AdmissionPlan): Promise<number[]> {
    const keys: string[] = plan.budgets.map((planned) => planned.key);
    const args: (string | number)[] = [plan.budgets.length, plan.rates.length];
    for (const planned of plan.budgets) {
      args.push(
        planned.limit.toString(),
        planned.worst.toString(),
        planned.blockAt.toString(),
        planned.downgradeAt.toString(),
        planned.period.secondsLeft + 86_400,
      );
    }
    for (const rate of plan.rates) {
      keys.push(rate.currentKey, rate.previousKey);
      args.push(rate.max, rate.amount, rate.elapsedMs, 120);
    }
    return (this.redis as RedisWithScripts).switchyardAdmit(keys.length, ...keys, ...args);
  }

  /** Redis is down: rate limits per process, budgets from the last state Redis told us. */
  private evaluateLocally(plan: AdmissionPlan): Verdict {
    const used: bigint[] = [];
    let downgradeIndex = 0;
    for (const [index, planned] of plan.budgets.entries()) {
      const committed = this.lastCommitted.get(planned.key) ?? 0n;
      used.push(committed);
      if (planned.blockAt > 0n && committed + planned.worst > planned.blockAt)
        return { kind: 'budget', index };
      if (
        planned.downgradeAt > 0n &&
        committed + planned.worst > planned.downgradeAt &&
        downgradeIndex === 0
      )
        downgradeIndex = index + 1;
    }
    const remaining: number[] = [];
    for (const [index, rate] of plan.rates.entries()) {
      const estimate = this.local.estimate(rate.currentKey, rate.previousKey, rate.elapsedMs);
      if (estimate + rate.amount > rate.max)
        return { kind: 'rate', index, retryAfterMs: 60_000 - rate.elapsedMs };
      remaining.push(Math.floor(rate.max - estimate - rate.amount));
    }
    for (const rate of plan.rates) this.local.add(rate.currentKey, rate.amount);
    for (const planned of plan.budgets)
      this.lastCommitted.set(
        planned.key,
        (this.lastCommitted.get(planned.key) ?? 0n) + planned.worst,
      );
    return { kind: 'admitted', used, remaining, downgradeIndex };
  }

  private logFailure(error: unknown, operation: string): void {
    const nowMs = this.now();
    if (nowMs - this.lastErrorLogAt < 10_000) return;
    this.lastErrorLogAt = nowMs;
    this.logger.warn(
      { err: (error as Error).message, operation },
      'redis unavailable for limits; enforcing locally',
    );
  }
}

/** Headroom of each blocking budget for this stream: cap − spend committed by others. */
function armGuard(
  context: RequestContext,
  plan: AdmissionPlan,
  request: AdmissionRequest,
  used: bigint[],
  nowMs: number,
): void {
  const caps = plan.budgets
    .map((planned, index) => ({ planned, used: used[index] ?? 0n }))
    .filter(({ planned }) => planned.blockAt > 0n)
    .map(({ planned, used: committed }) => ({
      name: planned.budget.name,
      headroom: planned.blockAt - committed,
    }));
  if (caps.length === 0 || request.model.prices.length === 0) return;
  const price = selectPrice(request.model.prices, new Date(nowMs));
  const outputRate = (BigInt(price.output) + 999_999n) / 1_000_000n;
  const promptCost = (BigInt(request.promptTokens) * BigInt(price.input) + 999_999n) / 1_000_000n;
  armStreamBudgetGuard(context, {
    reservedOutputTokens: request.maxOutputTokens,
    outputRate,
    promptCost,
    caps,
  });
}

type Verdict =
  | { kind: 'admitted'; used: bigint[]; remaining: number[]; downgradeIndex: number }
  | { kind: 'budget'; index: number }
  | { kind: 'rate'; index: number; retryAfterMs: number };

function parseVerdict(raw: number[], plan: AdmissionPlan): Verdict {
  const [code, index, retryAfterMs, downgradeIndex] = raw as [number, number, number, number];
  if (code === 1) return { kind: 'budget', index: index - 1 };
  if (code === 2) return { kind: 'rate', index: index - 1, retryAfterMs };
  const used = raw.slice(4, 4 + plan.budgets.length).map((value) => BigInt(value));
  const remaining = raw.slice(4 + plan.budgets.length).map(Number);
  return { kind: 'admitted', used, remaining, downgradeIndex };
}
