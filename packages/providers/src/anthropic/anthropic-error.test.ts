import { UpstreamError } from '@switchyard/errors';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { mapAnthropicError, mapAnthropicStreamError } from './anthropic-error.js';

const body = (type: string, message: string) =>
  JSON.stringify({ type: 'error', error: { type, message }, request_id: 'req_011' });

afterEach(() => {
  vi.useRealTimers();
});

describe('mapAnthropicError', () => {
  it.each([
    [
      400,
      'invalid_request_error',
      'max_tokens: Field required',
      'upstream_bad_request',
      400,
      'caller',
      false,
    ],
    [
      413,
      'request_too_large',
      'Request exceeds the maximum size',
      'upstream_bad_request',
      413,
      'caller',
      false,
    ],
    [422, 'invalid_request_error', 'unprocessable', 'upstream_bad_request', 422, 'caller', false],
    [
      400,
      'invalid_request_error',
      'prompt is too long: 208333 tokens > 200000 maximum',
      'context_length_exceeded',
      400,
      'caller',
      false,
    ],
    [
      400,
      'invalid_request_error',
      'input length and `max_tokens` exceed context limit: 197626 + 8192 > 200000',
      'context_length_exceeded',
      400,
      'caller',
      false,
    ],
    [
      401,
      'authentication_error',
      'invalid x-api-key',
      'upstream_authentication',
      502,
      'provider',
      true,
    ],
    [
      403,
      'permission_error',
      'Your API key does not have permission',
      'upstream_authentication',
      502,
      'provider',
      true,
    ],
    [404, 'not_found_error', 'model: claude-nope', 'upstream_not_found', 502, 'provider', true],
    [
      402,
      'billing_error',
      'Your credit balance is too low',
      'upstream_quota_exceeded',
      502,
      'provider',
      true,
    ],
    [
      400,
      'billing_error',
      'Your credit balance is too low',
      'upstream_quota_exceeded',
      502,
      'provider',
      true,
    ],
    [408, 'timeout_error', 'Request timed out', 'upstream_timeout', 502, 'provider', true],
    [504, 'timeout_error', 'Request timed out', 'upstream_timeout', 504, 'provider', true],
    [
      429,
      'rate_limit_error',
      'Number of requests has exceeded your rate limit',
      'upstream_rate_limited',
      429,
      'provider',
      true,
    ],
    [529, 'overloaded_error', 'Overloaded', 'upstream_overloaded', 503, 'provider', true],
    [503, 'api_error', 'Service unavailable', 'upstream_overloaded', 503, 'provider', true],
    [500, 'api_error', 'Internal server error', 'upstream_server_error', 502, 'provider', true],
  ] as const)('%i %s → %s', (status, type, message, code, mappedStatus, fault, retryable) => {
    const error = mapAnthropicError(status, {}, body(type, message));
    expect(error).toBeInstanceOf(UpstreamError);
    expect(error).toMatchObject({
      code,
      status: mappedStatus,
      fault,
      retryable,
      providerCode: type,
      message: `Anthropic: ${message}`,
      details: { upstreamStatus: status, requestId: 'req_011' },
    });
  });

  it('reads retry-after as seconds or as an HTTP date, and retry-after-ms first', () => {
    const rateLimited = body('rate_limit_error', 'slow down');
    expect(mapAnthropicError(429, { 'Retry-After': '12' }, rateLimited).retryAfterMs).toBe(12_000);
    expect(
      mapAnthropicError(429, { 'retry-after-ms': '1500', 'retry-after': '12' }, rateLimited)
        .retryAfterMs,
    ).toBe(1500);
    vi.useFakeTimers({ now: new Date('2026-03-01T12:00:00Z') });
    expect(
      mapAnthropicError(429, { 'retry-after': 'Sun, 01 Mar 2026 12:00:30 GMT' }, rateLimited)
        .retryAfterMs,
    ).toBe(30_000);
    expect(mapAnthropicError(429, {}, rateLimited).retryAfterMs).toBeUndefined();
  });

  it('keeps the text of a body that is not Anthropic JSON (a 413 from the CDN)', () => {
    const error = mapAnthropicError(
      413,
      { 'request-id': 'req_cdn' },
      '<html>413 Request Entity Too Large</html>',
    );
    expect(error).toMatchObject({
      code: 'upstream_bad_request',
      status: 413,
      providerCode: undefined,
      message: 'Anthropic: HTTP 413: <html>413 Request Entity Too Large</html>',
      details: { upstreamStatus: 413, requestId: 'req_cdn' },
    });
    expect(mapAnthropicError(502, {}, '').message).toBe('Anthropic: HTTP 502');
  });
});

describe('mapAnthropicStreamError', () => {
  it('classifies in-stream errors by type like their HTTP twins', () => {
    expect(
      mapAnthropicStreamError({ type: 'overloaded_error', message: 'Overloaded' }),
    ).toMatchObject({
      code: 'upstream_overloaded',
      status: 503,
      retryable: true,
      providerCode: 'overloaded_error',
      message: 'Anthropic: Overloaded',
    });
    expect(
      mapAnthropicStreamError({ type: 'invalid_request_error', message: 'bad' }),
    ).toMatchObject({
      code: 'upstream_bad_request',
      status: 400,
      fault: 'caller',
    });
    expect(mapAnthropicStreamError({ type: 'something_new', message: '?' })).toMatchObject({
      code: 'upstream_server_error',
      status: 502,
    });
  });
});
