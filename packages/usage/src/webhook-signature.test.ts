import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { signWebhookPayload, verifyWebhookSignature } from './webhook-signature.js';

const body = '{"id":"alert-1","kind":"budget_threshold"}';
const secret = 'whsec_test';
const t = 1_795_000_000;
const now = t * 1000;

describe('webhook signatures', () => {
  it('signs "<t>.<body>" with HMAC-SHA256 in hex', () => {
    const expected = createHmac('sha256', secret).update(`${t}.${body}`).digest('hex');
    expect(signWebhookPayload(body, secret, t)).toBe(`t=${t},v1=${expected}`);
  });

  it('accepts its own signature within the tolerance', () => {
    const header = signWebhookPayload(body, secret, t);
    expect(verifyWebhookSignature(body, header, secret, 300, now)).toBe(true);
    expect(verifyWebhookSignature(body, header, secret, 300, now + 299_000)).toBe(true);
  });

  it('rejects a changed body, another secret, a stale or future timestamp', () => {
    const header = signWebhookPayload(body, secret, t);
    expect(verifyWebhookSignature(`${body} `, header, secret, 300, now)).toBe(false);
    expect(verifyWebhookSignature(body, header, 'other', 300, now)).toBe(false);
    expect(verifyWebhookSignature(body, header, secret, 300, now + 301_000)).toBe(false);
    expect(verifyWebhookSignature(body, header, secret, 300, now - 301_000)).toBe(false);
  });

  it('rejects malformed headers and accepts any matching v1 entry', () => {
    const valid = signWebhookPayload(body, secret, t);
    const v1 = valid.split('v1=')[1];
    expect(verifyWebhookSignature(body, undefined, secret, 300, now)).toBe(false);
    expect(verifyWebhookSignature(body, '', secret, 300, now)).toBe(false);
    expect(verifyWebhookSignature(body, `v1=${v1}`, secret, 300, now)).toBe(false);
    expect(verifyWebhookSignature(body, `t=${t}`, secret, 300, now)).toBe(false);
    expect(verifyWebhookSignature(body, `t=${t},v1=zz`, secret, 300, now)).toBe(false);
    const rotated = `t=${t},v1=${'0'.repeat(64)},v1=${v1}`;
    expect(verifyWebhookSignature(body, rotated, secret, 300, now)).toBe(true);
  });
});
