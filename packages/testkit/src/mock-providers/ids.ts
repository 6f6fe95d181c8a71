import { randomBytes, randomUUID } from 'node:crypto';

const alphabet = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';

/** A provider-style id such as `chatcmpl-AbC…`, `msg_01…` or `toolu_01…`. */
export function randomId(prefix: string, length = 24): string {
  const bytes = randomBytes(length);
  let id = '';
  for (const byte of bytes) id += alphabet[byte % alphabet.length];
  return `${prefix}${id}`;
}

export function randomRequestUuid(): string {
  return randomUUID();
}

/** Unix seconds, the unit of OpenAI's `created`. */
export function nowInSeconds(): number {
  return Math.floor(Date.now() / 1000);
}
