import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * Alert webhooks are signed the way Stripe signs its events, so receivers can reuse what they
 * know: `x-switchyard-signature: t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<body>">` keyed
 * with the channel's signing secret. The timestamp is inside the MAC, so a captured delivery
 * cannot be replayed later than the receiver's tolerance.
 */
export const webhookSignatureHeader = 'x-switchyard-signature';
/** The alert's id; a receiver uses it to ignore a redelivery it already handled. */
export const webhookAlertIdHeader = 'x-switchyard-alert-id';

function hmacHex(body: string, secret: string, timestampSeconds: number): string {
  return createHmac('sha256', secret).update(`${timestampSeconds}.${body}`).digest('hex');
}

/** The signature header value for `body` (the exact bytes sent) at `timestampSeconds`. */
export function signWebhookPayload(body: string, secret: string, timestampSeconds: number): string {
  return `t=${timestampSeconds},v1=${hmacHex(body, secret, timestampSeconds)}`;
}

/**
 * True when `header` carries a v1 signature of `body` made with `secret` no more than
 * `toleranceSeconds` away from `now` (milliseconds since the epoch). `body` must be the raw
 * request body as received, before any JSON parsing. Several v1 entries are accepted (a sender
 * may sign with an old and a new secret while rotating); any one matching is enough.
 */
export function verifyWebhookSignature(
  body: string,
  header: string | null | undefined,
  secret: string,
  toleranceSeconds = 300,
  now: number = Date.now(),
): boolean {
  if (!header) return false;
  let timestamp: number | undefined;
  const signatures: string[] = [];
  for (const part of header.split(',')) {
    const separator = part.indexOf('=');
    if (separator <= 0) continue;
    const name = part.slice(0, separator).trim();
    const value = part.slice(separator + 1).trim();
    if (name === 't' && /^\d{1,12}$/.test(value)) timestamp = Number(value);
    else if (name === 'v1' && /^[0-9a-f]{64}$/.test(value)) signatures.push(value);
  }
  if (timestamp === undefined || signatures.length === 0) return false;
  if (Math.abs(now / 1000 - timestamp) > toleranceSeconds) return false;
  const expected = Buffer.from(hmacHex(body, secret, timestamp), 'hex');
  // Constant-time comparison: a byte-by-byte early exit would leak the MAC to a patient caller.
  return signatures.some((signature) => timingSafeEqual(Buffer.from(signature, 'hex'), expected));
}
