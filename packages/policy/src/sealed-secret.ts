import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import type { SealedSecret } from './snapshot-schema.js';

/**
 * AES-256-GCM envelope for upstream credentials. The control plane seals with the current master
 * key; the data plane opens with whichever key id the secret names, so master keys can be rotated
 * by adding a new key, re-sealing, then retiring the old one.
 */
export interface MasterKeyRing {
  /** Key id used for new seals. */
  currentKeyId: string;
  keys: ReadonlyMap<string, Buffer>;
}

/**
 * Parses `SWITCHYARD_MASTER_KEYS`-style text: `id1:base64key,id2:base64key` (first is current).
 * Each key must decode to exactly 32 bytes.
 */
export function parseMasterKeyRing(
  text: string,
  variableName = 'SWITCHYARD_MASTER_KEYS',
): MasterKeyRing {
  const keys = new Map<string, Buffer>();
  let currentKeyId: string | undefined;
  for (const entry of text
    .split(',')
    .map((part) => part.trim())
    .filter(Boolean)) {
    const separator = entry.indexOf(':');
    if (separator <= 0) {
      throw new Error(`${variableName}: each entry must look like <keyId>:<base64 32-byte key>`);
    }
    const keyId = entry.slice(0, separator);
    const key = Buffer.from(entry.slice(separator + 1), 'base64');
    if (key.length !== 32) {
      throw new Error(
        `${variableName}: key '${keyId}' must be 32 bytes (base64 of 32 random bytes)`,
      );
    }
    keys.set(keyId, key);
    currentKeyId ??= keyId;
  }
  if (!currentKeyId) throw new Error(`${variableName} is empty`);
  return { currentKeyId, keys };
}

/** Encrypts a secret with the ring's current key. */
export function sealSecret(plaintext: string, ring: MasterKeyRing): SealedSecret {
  const key = ring.keys.get(ring.currentKeyId);
  if (!key) throw new Error(`master key '${ring.currentKeyId}' is not in the key ring`);
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  const ciphertext = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
  return {
    keyId: ring.currentKeyId,
    iv: iv.toString('base64'),
    tag: cipher.getAuthTag().toString('base64'),
    ciphertext: ciphertext.toString('base64'),
  };
}

/** Decrypts a sealed secret; throws if the key id is unknown or the data was tampered with. */
export function openSecret(sealed: SealedSecret, ring: MasterKeyRing): string {
  const key = ring.keys.get(sealed.keyId);
  if (!key) throw new Error(`master key '${sealed.keyId}' is not configured; cannot open secret`);
  const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(sealed.iv, 'base64'));
  decipher.setAuthTag(Buffer.from(sealed.tag, 'base64'));
  return Buffer.concat([
    decipher.update(Buffer.from(sealed.ciphertext, 'base64')),
    decipher.final(),
  ]).toString('utf8');
}

/** A short, non-reversible hint for showing a secret in an admin UI: `sk-…abcd`. */
export function maskSecret(secret: string): string {
  if (secret.length <= 8) return '…' + secret.slice(-2);
  return `${secret.slice(0, 3)}…${secret.slice(-4)}`;
}
