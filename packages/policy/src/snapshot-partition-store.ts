import { snapshotRedisKeys } from './snapshot-channel.js';
import {
  snapshotChangeSchema,
  snapshotManifestSchema,
  type SnapshotChange,
  type SnapshotManifest,
} from './snapshot-partitions.js';

/**
 * How partitions are stored in Redis: the one writer protocol (control plane, test helpers) and
 * the readers' side of it (data plane). Only the few commands below are used, typed
 * structurally so this package needs no Redis client.
 */
export interface SnapshotStoreRedis {
  get(key: string): Promise<string | null>;
  set(key: string, value: string): Promise<unknown>;
  expire(key: string, seconds: number): Promise<unknown>;
  hgetall(key: string): Promise<Record<string, string>>;
  eval(script: string, numberOfKeys: number, ...args: string[]): Promise<unknown>;
}

/** Superseded partition versions stay readable this long, for replicas that are mid-fetch. */
export const supersededPartitionTtlSeconds = 600;

/** Writes in flight at once: enough to pipeline, bounded so 10,000 partitions do not pile up. */
const commandBatchSize = 500;

/**
 * Adopts partition versions into the manifest, each only if newer than the one there (a slow
 * control-plane replica can never move a partition backwards), bumps the manifest version and
 * publishes exactly what changed, all atomically so readers never see a manifest without its
 * message. Partition bodies are written before this runs, so the manifest never names a missing
 * one. Removals are stored as negative versions (tombstones) for the same reason as the check.
 *
 * KEYS[1] manifest · ARGV: channel, run version, 'full'|'partial', base version or '',
 * then tenant id / signed version pairs. A partial publish against a manifest without a base
 * (Redis lost its data) returns {-1}: the caller must publish everything. A full publish also
 * removes every tenant it did not list.
 * Returns {0} when nothing changed, else {1, message JSON, superseded field, version, …}.
 */
const publishScript = `
local manifest = KEYS[1]
local run = tonumber(ARGV[2])
local full = ARGV[3] == 'full'
if not full and redis.call('HEXISTS', manifest, 'base') == 0 then
  return {-1}
end
local superseded = {}
local message = {}
local visible = false
if ARGV[4] ~= '' then
  local version = tonumber(ARGV[4])
  local current = tonumber(redis.call('HGET', manifest, 'base') or '0')
  if version > current then
    redis.call('HSET', manifest, 'base', version)
    message.base = version
    visible = true
    if current > 0 then
      table.insert(superseded, 'base')
      table.insert(superseded, current)
    end
  end
end
local listed = {}
local tenants = {}
local hasTenants = false
local removed = {}
for i = 5, #ARGV, 2 do
  local tenant = ARGV[i]
  local version = tonumber(ARGV[i + 1])
  listed[tenant] = true
  local field = 't:' .. tenant
  local current = tonumber(redis.call('HGET', manifest, field) or '0')
  if math.abs(version) > math.abs(current) then
    redis.call('HSET', manifest, field, version)
    if version > 0 then
      tenants[tenant] = version
      hasTenants = true
    elseif current > 0 then
      table.insert(removed, tenant)
    end
    if current > 0 then
      table.insert(superseded, field)
      table.insert(superseded, current)
    end
  end
end
if full then
  local fields = redis.call('HGETALL', manifest)
  for i = 1, #fields, 2 do
    local field = fields[i]
    local current = tonumber(fields[i + 1])
    if string.sub(field, 1, 2) == 't:' and not listed[string.sub(field, 3)] and current > 0 and current < run then
      redis.call('HSET', manifest, field, -run)
      table.insert(removed, string.sub(field, 3))
      table.insert(superseded, field)
      table.insert(superseded, current)
    end
  end
end
if hasTenants then message.tenants = tenants end
if #removed > 0 then
  message.removed = removed
  visible = true
end
if not visible and not hasTenants then
  return {0}
end
local previous = tonumber(redis.call('HGET', manifest, 'version') or '0')
local nextVersion = math.max(previous + 1, run)
redis.call('HSET', manifest, 'version', nextVersion)
message.manifest = nextVersion
message.previous = previous
local text = cjson.encode(message)
redis.call('PUBLISH', ARGV[1], text)
local result = {1, text}
for _, item in ipairs(superseded) do table.insert(result, item) end
return result`;

/** One publish: every partition it writes carries the run's version. */
export interface PartitionPublication {
  version: number;
  /** The base partition's JSON text, when the base is part of this publish. */
  base?: string;
  tenants: ReadonlyArray<{ tenantId: string; text: string }>;
  /** Tenants that no longer exist (disabled or deleted). */
  removed: readonly string[];
  /** Everything was compiled: tenants in the manifest but not listed here are removed. */
  full: boolean;
}

export type PublishOutcome =
  | { status: 'published'; change: SnapshotChange }
  /** Every partition named was already at a newer version; nothing was announced. */
  | { status: 'unchanged' }
  /** The manifest has no base (Redis lost its data): publish everything instead. */
  | { status: 'needs-full' };

async function inBatches<T>(items: readonly T[], run: (item: T) => Promise<unknown>) {
  for (let start = 0; start < items.length; start += commandBatchSize) {
    await Promise.all(items.slice(start, start + commandBatchSize).map(run));
  }
}

/** Writes the partition bodies, then adopts them into the manifest and announces the change. */
export async function publishSnapshotPartitions(
  redis: SnapshotStoreRedis,
  prefix: string,
  publication: PartitionPublication,
): Promise<PublishOutcome> {
  const keys = snapshotRedisKeys(prefix);
  const { version } = publication;
  const written: string[] = [];
  if (publication.base !== undefined) {
    await redis.set(keys.base(version), publication.base);
    written.push(keys.base(version));
  }
  await inBatches(publication.tenants, async ({ tenantId, text }) => {
    await redis.set(keys.tenant(tenantId, version), text);
    written.push(keys.tenant(tenantId, version));
  });
  const entries: string[] = [];
  for (const { tenantId } of publication.tenants) entries.push(tenantId, String(version));
  for (const tenantId of publication.removed) entries.push(tenantId, String(-version));
  const result = (await redis.eval(
    publishScript,
    1,
    keys.manifest,
    keys.manifestChannel,
    String(version),
    publication.full ? 'full' : 'partial',
    publication.base === undefined ? '' : String(version),
    ...entries,
  )) as Array<string | number>;
  const status = Number(result[0]);
  const change =
    status === 1 ? snapshotChangeSchema.parse(JSON.parse(String(result[1]))) : undefined;
  // Bodies the manifest did not adopt, and the versions it replaced, are only kept a while.
  const adopted = adoptedKeys(keys, change);
  const expiring = written.filter((key) => !adopted.has(key));
  for (let index = 2; index + 1 < result.length; index += 2) {
    const field = String(result[index]);
    const superseded = Number(result[index + 1]);
    expiring.push(
      field === 'base' ? keys.base(superseded) : keys.tenant(field.slice(2), superseded),
    );
  }
  await inBatches(expiring, (key) => redis.expire(key, supersededPartitionTtlSeconds));
  if (status === -1) return { status: 'needs-full' };
  return change ? { status: 'published', change } : { status: 'unchanged' };
}

function adoptedKeys(
  keys: ReturnType<typeof snapshotRedisKeys>,
  change: SnapshotChange | undefined,
): Set<string> {
  const adopted = new Set<string>();
  if (!change) return adopted;
  if (change.base !== undefined) adopted.add(keys.base(change.base));
  for (const [tenantId, version] of Object.entries(change.tenants))
    adopted.add(keys.tenant(tenantId, version));
  return adopted;
}

/** The manifest as stored, or undefined when nothing was published yet (or Redis lost it). */
export async function readSnapshotManifest(
  redis: SnapshotStoreRedis,
  prefix: string,
): Promise<SnapshotManifest | undefined> {
  const fields = await redis.hgetall(snapshotRedisKeys(prefix).manifest);
  if (fields.version === undefined || fields.base === undefined) return undefined;
  const tenants: Record<string, number> = {};
  for (const [field, value] of Object.entries(fields)) {
    // Tombstones (negative) are removed tenants.
    if (field.startsWith('t:') && Number(value) > 0) tenants[field.slice(2)] = Number(value);
  }
  return snapshotManifestSchema.parse({
    version: Number(fields.version),
    base: Number(fields.base),
    tenants,
  });
}
