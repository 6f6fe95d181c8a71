import { maskSecret, sealSecret, type MasterKeyRing } from '@switchyard/policy';

/** How a write-only secret is stored: the AES-256-GCM envelope as JSON, its key id, a masked hint. */
export interface StoredSecret {
  ciphertext: string;
  keyId: string;
  hint: string;
}

/** Seals with the ring's current master key; the clear text is never stored or returned. */
export function sealForStorage(secret: string, ring: MasterKeyRing): StoredSecret {
  const sealed = sealSecret(secret, ring);
  return { ciphertext: JSON.stringify(sealed), keyId: sealed.keyId, hint: maskSecret(secret) };
}
