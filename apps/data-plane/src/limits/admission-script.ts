/**
 * One atomic Redis script that checks and reserves budget and rate-limit headroom for a request
 * — the data plane's only synchronous Redis call on the hot path. Nothing is written unless every
 * check passes, so a refused request leaves no trace.
 *
 * KEYS: for each budget, its hash {spent, reserved}; then for each rate limit, the current and
 *       the previous one-minute window counters.
 * ARGV: [budgetCount, rateCount, then per budget: limit, worst, blockAt (0 = never), downgradeAt
 *       (0 = never), ttlSeconds; then per rate limit: limit, amount, elapsedMs (into the current
 *       window), ttlSeconds]
 * Returns: {verdict, index, retryAfterMs, downgradeIndex, usedPerBudget..., remainingPerRate...}
 *   verdict 0 = admitted, 1 = budget refused (index = budget), 2 = rate refused (index = limit).
 *
 * Money and token counts are integers far below 2^53, so Lua's doubles hold them exactly.
 */
export const admissionScript = `
local budgetCount = tonumber(ARGV[1])
local rateCount = tonumber(ARGV[2])
local used = {}
local downgrade = 0
for i = 1, budgetCount do
  local base = 2 + (i - 1) * 5
  local limit = tonumber(ARGV[base + 1])
  local worst = tonumber(ARGV[base + 2])
  local blockAt = tonumber(ARGV[base + 3])
  local downgradeAt = tonumber(ARGV[base + 4])
  local values = redis.call('HMGET', KEYS[i], 'spent', 'reserved')
  local committed = (tonumber(values[1]) or 0) + (tonumber(values[2]) or 0)
  used[i] = committed
  if blockAt > 0 and committed + worst > blockAt then
    return {1, i, 0, 0}
  end
  if downgradeAt > 0 and committed + worst > downgradeAt and downgrade == 0 then
    downgrade = i
  end
end
local remaining = {}
local rateBase = 2 + budgetCount * 5
for j = 1, rateCount do
  local base = rateBase + (j - 1) * 4
  local limit = tonumber(ARGV[base + 1])
  local amount = tonumber(ARGV[base + 2])
  local elapsed = tonumber(ARGV[base + 3])
  local current = tonumber(redis.call('GET', KEYS[budgetCount + (j - 1) * 2 + 1]) or '0')
  local previous = tonumber(redis.call('GET', KEYS[budgetCount + (j - 1) * 2 + 2]) or '0')
  -- Sliding window: the previous minute counts in proportion to how much of it still overlaps.
  local estimate = current + previous * (60000 - elapsed) / 60000
  if estimate + amount > limit then
    local retry = 60000 - elapsed
    if previous > 0 and current + amount <= limit then
      retry = math.ceil((estimate + amount - limit) * 60000 / previous)
    end
    return {2, j, retry, 0}
  end
  remaining[j] = math.floor(limit - estimate - amount)
end
for i = 1, budgetCount do
  local base = 2 + (i - 1) * 5
  redis.call('HINCRBY', KEYS[i], 'reserved', ARGV[base + 2])
  redis.call('EXPIRE', KEYS[i], ARGV[base + 5])
end
for j = 1, rateCount do
  local base = rateBase + (j - 1) * 4
  local key = KEYS[budgetCount + (j - 1) * 2 + 1]
  redis.call('INCRBY', key, ARGV[base + 2])
  redis.call('EXPIRE', key, ARGV[base + 4])
end
local result = {0, 0, 0, downgrade}
for i = 1, budgetCount do result[#result + 1] = used[i] end
for j = 1, rateCount do result[#result + 1] = remaining[j] end
return result
`;

/**
 * Settles a reservation: the worst case is released and the actual cost becomes spend; token
 * windows are corrected from the estimate to the provider's count.
 * KEYS: budget hashes, then token-window counters. ARGV: [budgetCount, per budget: worst, actual,
 * ttlSeconds; per token window: delta].
 */
export const settleScript = `
local budgetCount = tonumber(ARGV[1])
for i = 1, budgetCount do
  local base = 1 + (i - 1) * 3
  -- A period that ended meanwhile has no reservation left to release (its key expired).
  if redis.call('EXISTS', KEYS[i]) == 1 then
    redis.call('HINCRBY', KEYS[i], 'reserved', -tonumber(ARGV[base + 1]))
  end
  redis.call('HINCRBY', KEYS[i], 'spent', ARGV[base + 2])
  redis.call('EXPIRE', KEYS[i], ARGV[base + 3])
end
local tokenBase = 1 + budgetCount * 3
for j = budgetCount + 1, #KEYS do
  local delta = tonumber(ARGV[tokenBase + (j - budgetCount)])
  if delta ~= 0 and redis.call('EXISTS', KEYS[j]) == 1 then
    redis.call('INCRBY', KEYS[j], delta)
  end
end
return 1
`;
