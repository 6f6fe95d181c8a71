import { snapshotRedisKeys } from '@switchyard/policy';
import type { Redis } from 'ioredis';

/** Superseded versions stay readable this long, for replicas that are mid-swap. */
export const supersededVersionTtlSeconds = 3_600;

/**
 * Allocates the next version. Redis may have lost the counter (it runs without persistence in
 * development), so the counter is lifted above the last version Postgres recorded.
 */
const allocateVersionScript = `
local version = redis.call('INCR', KEYS[1])
local floor = tonumber(ARGV[1])
if version <= floor then
  version = floor + 1
  redis.call('SET', KEYS[1], version)
end
return version`;

/**
 * Stores a version and makes it current only if it is newer than the current one, so a slow
 * replica can never move data planes backwards; the old version gets a TTL; the channel carries
 * the new version number. All in one script, so readers never see `current` without its body.
 */
const publishScript = `
redis.call('SET', KEYS[1], ARGV[2])
local version = tonumber(ARGV[1])
local current = tonumber(redis.call('GET', KEYS[2]) or '0')
if version <= current then
  redis.call('EXPIRE', KEYS[1], ARGV[5])
  return 0
end
redis.call('SET', KEYS[2], ARGV[1])
if current > 0 then
  redis.call('EXPIRE', ARGV[4] .. current, ARGV[5])
end
redis.call('PUBLISH', ARGV[3], ARGV[1])
return 1`;

export async function allocateSnapshotVersion(
  redis: Redis,
  prefix: string,
  floor: number,
): Promise<number> {
  const keys = snapshotRedisKeys(prefix);
  const version = await redis.eval(allocateVersionScript, 1, keys.sequence, String(floor));
  return Number(version);
}

/** Returns true when this version became current (false when a newer one already was). */
export async function writeSnapshotToRedis(
  redis: Redis,
  prefix: string,
  version: number,
  snapshotText: string,
): Promise<boolean> {
  const keys = snapshotRedisKeys(prefix);
  const versionKeyStem = keys.version(0).slice(0, -1);
  const published = await redis.eval(
    publishScript,
    2,
    keys.version(version),
    keys.current,
    String(version),
    snapshotText,
    keys.channel,
    versionKeyStem,
    String(supersededVersionTtlSeconds),
  );
  return Number(published) === 1;
}
