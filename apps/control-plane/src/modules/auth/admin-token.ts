import { createHash, randomBytes } from 'node:crypto';

/** Admin tokens look like `sya_<43 base64url chars>`; only their SHA-256 is stored. */
export function generateAdminToken(): { token: string; prefix: string; hash: string } {
  const token = `sya_${randomBytes(32).toString('base64url')}`;
  return { token, prefix: token.slice(0, 12), hash: hashAdminToken(token) };
}

/** 256-bit random tokens need no slow hash: SHA-256 hex is enough to make a leaked table useless. */
export function hashAdminToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}
