import { hash, randomBytes } from 'node:crypto';

/** Gateway keys look like `sy-<prefix>-<secret>`; only the SHA-256 of the whole key is stored. */
export const apiKeyPrefixLength = 8;

/**
 * SHA-256 hex of a gateway key. Keys have 256 bits of entropy, so a fast hash is safe here; the
 * one-shot `crypto.hash` skips the Hash object a per-request call would otherwise allocate.
 */
export function hashApiKey(key: string): string {
  return hash('sha256', key, 'hex');
}

/** Generates a new gateway key and the visible prefix stored beside its hash. */
export function generateApiKey(): { key: string; prefix: string; hash: string } {
  const prefix = randomBytes(6).toString('base64url').slice(0, apiKeyPrefixLength);
  const key = `sy-${prefix}-${randomBytes(32).toString('base64url')}`;
  return { key, prefix: `sy-${prefix}`, hash: hashApiKey(key) };
}

/** The visible prefix of a key in the `sy-<prefix>-<secret>` format, if it has one. */
export function visiblePrefix(key: string): string {
  return key.slice(0, 3 + apiKeyPrefixLength);
}
