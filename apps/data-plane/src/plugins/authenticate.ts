import { AuthenticationError } from '@switchyard/errors';
import { hashApiKey } from '@switchyard/policy';
import type { CompiledKey, CompiledSnapshot } from '../snapshot/compiled-snapshot.js';

/**
 * Finds the caller's gateway key from `Authorization: Bearer …` or `x-api-key` (the Anthropic
 * SDK's header). Only the SHA-256 of the presented key is looked up, so the comparison is on
 * fixed-length digests through a hash map and timing reveals nothing about stored keys.
 */
export function authenticate(
  headers: Readonly<Record<string, string | string[] | undefined>>,
  snapshot: CompiledSnapshot,
  nowMs: number,
): CompiledKey {
  const presented = presentedKey(headers);
  if (!presented) {
    throw new AuthenticationError(
      'Missing API key. Send it as "Authorization: Bearer <key>" or "x-api-key: <key>".',
      'missing_api_key',
    );
  }
  const caller = snapshot.keysByHash.get(hashApiKey(presented));
  if (!caller) {
    throw new AuthenticationError('Invalid API key (unknown or revoked).', 'invalid_api_key');
  }
  if (caller.expiresAtMs !== undefined && caller.expiresAtMs <= nowMs) {
    throw new AuthenticationError(
      'This API key has expired. Create or rotate a key.',
      'expired_api_key',
    );
  }
  return caller;
}

function presentedKey(
  headers: Readonly<Record<string, string | string[] | undefined>>,
): string | undefined {
  const authorization = headers.authorization;
  if (typeof authorization === 'string' && authorization.length > 7) {
    const scheme = authorization.slice(0, 7).toLowerCase();
    if (scheme === 'bearer ') return authorization.slice(7).trim() || undefined;
  }
  const apiKey = headers['x-api-key'];
  if (typeof apiKey === 'string' && apiKey.length > 0) return apiKey.trim();
  return undefined;
}
