import type { Database } from '@switchyard/db';
import { budgetCounterKey, budgetCounterTtlSeconds } from '@switchyard/usage';
import type { Redis } from 'ioredis';
import { currentBudgetStates } from './load-budget-states.js';

/**
 * Raises a budget counter's `spent` to the spend Postgres knows, never lowering it: Redis may be
 * ahead (requests settled there whose usage the worker has not written yet), but it can only be
 * behind after it lost data (a restart without persistence, a failover to a stale replica).
 * A negative `reserved` is also only possible after such a loss (reservations taken before it
 * settled after it) and would let requests through beyond the limit, so it is reset to 0.
 *
 * Amounts are compared as decimal strings: exact beyond 2^53, where Lua's numbers are not.
 * KEYS[1] the budget hash; ARGV[1] Postgres spend (non-negative integer), ARGV[2] TTL seconds.
 * Returns {raised (0|1), reservedReset (0|1), previous spent}.
 */
export const reconcileBudgetCounterScript = `
local function lessThan(a, b)
  if string.sub(a, 1, 1) == '-' then return true end
  if #a ~= #b then return #a < #b end
  return a < b
end
local spent = redis.call('HGET', KEYS[1], 'spent') or '0'
local raised = 0
local reservedReset = 0
if lessThan(spent, ARGV[1]) then
  redis.call('HSET', KEYS[1], 'spent', ARGV[1])
  raised = 1
end
local reserved = tonumber(redis.call('HGET', KEYS[1], 'reserved') or '0')
if reserved and reserved < 0 then
  redis.call('HSET', KEYS[1], 'reserved', '0')
  reservedReset = 1
end
if (raised == 1 or reservedReset == 1) and redis.call('TTL', KEYS[1]) < 0 then
  redis.call('EXPIRE', KEYS[1], ARGV[2])
end
return {raised, reservedReset, spent}
`;

type RedisWithReconcile = Redis & {
  switchyardReconcileBudget(
    keys: 1,
    key: string,
    spentNanoUsd: string,
    ttlSeconds: number,
  ): Promise<[number, number, string]>;
};

export interface ReconcileDeps {
  db: Database;
  redis: Redis;
  /** The deployment's SWITCHYARD_REDIS_PREFIX (the data plane's counter prefix). */
  redisPrefix: string;
}

export interface ReconcileResult {
  /** Budgets whose current-period counter was compared. */
  checked: number;
  /** Counters whose `spent` was raised to the Postgres value. */
  raised: number;
  /** Total spend added back, in nano-USD. */
  raisedNanoUsd: bigint;
  /** Counters whose negative `reserved` was reset to 0. */
  reservedReset: number;
}

const defined = new WeakSet<Redis>();

/** Reconciles every enabled budget's current-period Redis counter with BudgetSpend. */
export async function reconcileBudgetCounters(
  deps: ReconcileDeps,
  nowMs: number = Date.now(),
): Promise<ReconcileResult> {
  if (!defined.has(deps.redis)) {
    deps.redis.defineCommand('switchyardReconcileBudget', { lua: reconcileBudgetCounterScript });
    defined.add(deps.redis);
  }
  const redis = deps.redis as RedisWithReconcile;
  const result: ReconcileResult = { checked: 0, raised: 0, raisedNanoUsd: 0n, reservedReset: 0 };
  for await (const page of currentBudgetStates(deps.db, nowMs)) {
    // One page's script calls go out together; ioredis pipelines them on the connection.
    const outcomes = await Promise.all(
      page.map((state) =>
        redis.switchyardReconcileBudget(
          1,
          budgetCounterKey(deps.redisPrefix, state.tenantId, state.id, state.current.key),
          state.spentNanoUsd.toString(),
          budgetCounterTtlSeconds(state.current),
        ),
      ),
    );
    for (const [index, [raised, reservedReset, previous]] of outcomes.entries()) {
      result.checked += 1;
      if (raised === 1) {
        result.raised += 1;
        result.raisedNanoUsd += page[index]!.spentNanoUsd - toBigInt(previous);
      }
      if (reservedReset === 1) result.reservedReset += 1;
    }
  }
  return result;
}

function toBigInt(value: string): bigint {
  return /^-?\d+$/.test(value) ? BigInt(value) : 0n;
}
