import { snapshotRedisKeys } from '@switchyard/policy';
import type { Redis } from 'ioredis';

/**
 * Allocates the next publish version (every partition a publish writes carries it). Redis may
 * have lost the counter (it runs without persistence in development), so the counter is lifted
 * above the last version Postgres recorded.
 */
const allocateVersionScript = `
local version = redis.call('INCR', KEYS[1])
local floor = tonumber(ARGV[1])
if version <= floor then
  version = floor + 1
  redis.call('SET', KEYS[1], version)
end
return version`;

export async function allocateSnapshotVersion(
  redis: Redis,
  prefix: string,
  floor: number,
): Promise<number> {
  const keys = snapshotRedisKeys(prefix);
  const version = await redis.eval(allocateVersionScript, 1, keys.sequence, String(floor));
  return Number(version);
}
