import { UnsupportedParameterError } from '@switchyard/errors';
import type { UnsupportedParameterMode } from './adapter.js';

/**
 * Checks every top-level parameter the caller actually set against what a target supports.
 * Never changes the request silently: an unsupported parameter is either refused with a 400 that
 * names it, or — when the tenant's policy says `drop` — reported in the returned list so the data
 * plane can surface it in a response header. Fields set to null/undefined count as "not set".
 */
export function gateParameters(
  request: Readonly<Record<string, unknown>>,
  supported: ReadonlySet<string>,
  targetName: string,
  mode: UnsupportedParameterMode,
): string[] {
  const dropped: string[] = [];
  for (const key in request) {
    if (request[key] === undefined || request[key] === null) continue;
    if (supported.has(key)) continue;
    if (mode === 'reject') throw new UnsupportedParameterError(key, targetName);
    dropped.push(key);
  }
  return dropped;
}

/** Same check for a single nested value, e.g. `stream_options.include_usage` or `n > 1`. */
export function gateValue(
  param: string,
  allowed: boolean,
  targetName: string,
  mode: UnsupportedParameterMode,
  dropped: string[],
  hint?: string,
): boolean {
  if (allowed) return true;
  if (mode === 'reject') throw new UnsupportedParameterError(param, targetName, hint);
  dropped.push(param);
  return false;
}
