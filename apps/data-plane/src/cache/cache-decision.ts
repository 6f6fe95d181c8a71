import { createHash } from 'node:crypto';
import type { ChatCompletionRequest } from '@switchyard/providers';
import type { RequestContext } from '../chat/request-context.js';

export type CacheMode = 'off' | 'use' | 'bypass' | 'refresh';

export interface CacheDecision {
  mode: Exclude<CacheMode, 'off'>;
  ttlSeconds: number;
  key: string;
}

const defaultTtlSeconds = 3_600;
const maximumTtlSeconds = 7 * 86_400;

/**
 * Decides whether a request uses the response cache. Callers opt in per request with
 * `x-switchyard-cache: use | bypass | refresh` (and `x-switchyard-cache-ttl: <seconds>`); a
 * tenant's routing policy can turn it on for deterministic requests (temperature 0 or a seed,
 * one choice). Keys are per tenant and per pinned model, so tenants never share entries and a
 * re-pinned alias never serves the old version's answers.
 */
export function decideCache(
  context: RequestContext,
  request: ChatCompletionRequest,
  headers: Readonly<Record<string, string | string[] | undefined>>,
  prefix: string,
): CacheDecision | undefined {
  const header = headers['x-switchyard-cache'];
  const policy = context.caller.tenant.tenant.routingPolicy?.cache;
  let mode: CacheMode = 'off';
  if (header === 'use' || header === 'bypass' || header === 'refresh') mode = header;
  else if (policy?.enabled && isDeterministic(request)) mode = 'use';
  if (mode === 'off') return undefined;
  const decided: Exclude<CacheMode, 'off'> = mode;
  const ttlHeader = Number(headers['x-switchyard-cache-ttl']);
  const ttlSeconds = Math.min(
    maximumTtlSeconds,
    Number.isInteger(ttlHeader) && ttlHeader > 0
      ? ttlHeader
      : (policy?.ttlSeconds ?? defaultTtlSeconds),
  );
  const tenantId = context.caller.tenant.tenant.id;
  return {
    mode: decided,
    ttlSeconds,
    key: `${prefix}cache:{${tenantId}}:${cacheKeyOf(context.resolved!.model.id, request)}`,
  };
}

function isDeterministic(request: ChatCompletionRequest): boolean {
  return (
    (request.n ?? 1) === 1 &&
    (request.temperature === 0 || (request.seed !== undefined && request.seed !== null))
  );
}

/** Hash of everything that shapes the answer; streaming flags and the caller's id do not. */
function cacheKeyOf(modelId: string, request: ChatCompletionRequest): string {
  const {
    stream: _stream,
    stream_options: _options,
    user: _user,
    metadata: _metadata,
    ...shaping
  } = request;
  return createHash('sha256')
    .update(modelId)
    .update('\0')
    .update(stableJson(shaping))
    .digest('hex');
}

/** JSON with object keys sorted, so key order in the caller's body does not split the cache. */
export function stableJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) return `[${value.map(stableJson).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, entry]) => entry !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([key, entry]) => `${JSON.stringify(key)}:${stableJson(entry)}`).join(',')}}`;
}
