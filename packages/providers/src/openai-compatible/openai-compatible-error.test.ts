import { UpstreamError } from '@switchyard/errors';
import { describe, expect, it } from 'vitest';
import {
  invalidResponseError,
  mapOpenAiCompatibleError,
  mapOpenAiCompatibleErrorPayload,
  parseOpenAiCompatibleErrorBody,
  parseRetryAfter,
  streamTruncatedError,
} from './openai-compatible-error.js';

const profile = { displayName: 'Acme' };
const openAiBody = (message: string, type: string, code: string | null = null) =>
  JSON.stringify({ error: { message, type, param: null, code } });
const map = (status: number, body: string, headers: Record<string, string> = {}) =>
  mapOpenAiCompatibleError(profile, status, headers, body, Date.parse('2026-01-01T00:00:00Z'));

describe('mapOpenAiCompatibleError', () => {
  it('keeps caller faults as the upstream 4xx, not retryable, with the provider message verbatim', () => {
    const error = map(
      400,
      openAiBody("Invalid value for 'temperature'", 'invalid_request_error', 'invalid_value'),
    );
    expect(error).toBeInstanceOf(UpstreamError);
    expect(error).toMatchObject({
      code: 'upstream_bad_request',
      status: 400,
      fault: 'caller',
      retryable: false,
      providerCode: 'invalid_value',
      message: "Acme: Invalid value for 'temperature'",
    });
    expect(map(422, '{"detail":"bad"}')).toMatchObject({
      code: 'upstream_bad_request',
      status: 422,
      message: 'Acme: bad',
    });
  });

  it('recognises context length and content filter among 400s', () => {
    expect(
      map(400, openAiBody('too long', 'invalid_request_error', 'context_length_exceeded')),
    ).toMatchObject({
      code: 'context_length_exceeded',
      status: 400,
      fault: 'caller',
    });
    expect(
      map(400, openAiBody("This model's maximum context length is 8192 tokens", 'BadRequestError')),
    ).toMatchObject({
      code: 'context_length_exceeded',
    });
    expect(
      map(400, openAiBody('filtered', 'invalid_request_error', 'content_filter')),
    ).toMatchObject({
      code: 'upstream_content_filter',
      status: 400,
    });
  });

  it('treats credential, missing-model and timeout answers as provider faults worth failing over', () => {
    const cases: [number, string, number][] = [
      [401, 'upstream_authentication', 502],
      [403, 'upstream_authentication', 502],
      [402, 'upstream_quota_exceeded', 502],
      [404, 'upstream_not_found', 502],
      [408, 'upstream_timeout', 502],
      [504, 'upstream_timeout', 504],
      [500, 'upstream_server_error', 502],
      [502, 'upstream_server_error', 502],
      [503, 'upstream_overloaded', 503],
      [529, 'upstream_overloaded', 502],
    ];
    for (const [status, code, mappedStatus] of cases) {
      expect(map(status, '{}'), `HTTP ${status}`).toMatchObject({
        code,
        status: mappedStatus,
        fault: 'provider',
        retryable: true,
      });
    }
  });

  it('splits 429 into rate limit (with retry hint) and exhausted quota', () => {
    expect(
      map(429, openAiBody('Rate limit reached', 'requests', 'rate_limit_exceeded'), {
        'retry-after': '3',
      }),
    ).toMatchObject({
      code: 'upstream_rate_limited',
      status: 429,
      retryable: true,
      retryAfterMs: 3000,
    });
    expect(
      map(
        429,
        openAiBody('You exceeded your current quota', 'insufficient_quota', 'insufficient_quota'),
      ),
    ).toMatchObject({
      code: 'upstream_quota_exceeded',
      status: 429,
      fault: 'provider',
      retryable: true,
      retryAfterMs: undefined,
    });
  });

  it('describes a body that is not JSON by status and excerpt', () => {
    expect(map(502, '<html>Bad gateway</html>').message).toBe(
      'Acme returned HTTP 502: <html>Bad gateway</html>',
    );
    expect(map(500, '').message).toBe('Acme returned HTTP 500');
  });
});

describe('parseRetryAfter', () => {
  const now = Date.parse('2026-01-01T00:00:00Z');
  it('prefers retry-after-ms, then seconds, then an HTTP date, case-insensitively', () => {
    expect(parseRetryAfter({ 'retry-after-ms': '250', 'retry-after': '9' }, now)).toBe(250);
    expect(parseRetryAfter({ 'Retry-After': '1.5' }, now)).toBe(1500);
    expect(parseRetryAfter({ 'retry-after': 'Thu, 01 Jan 2026 00:00:20 GMT' }, now)).toBe(20_000);
    expect(parseRetryAfter({ 'retry-after': 'Wed, 31 Dec 2025 23:00:00 GMT' }, now)).toBe(0);
    expect(parseRetryAfter({ 'retry-after': 'soon' }, now)).toBeUndefined();
    expect(parseRetryAfter({}, now)).toBeUndefined();
  });
});

describe('parseOpenAiCompatibleErrorBody', () => {
  it('reads the OpenAI envelope, a string error, flat bodies and FastAPI detail', () => {
    expect(parseOpenAiCompatibleErrorBody(openAiBody('m', 't', 'c'))).toMatchObject({
      message: 'm',
      type: 't',
      code: 'c',
    });
    expect(parseOpenAiCompatibleErrorBody('{"error":"Unauthorized"}')).toEqual({
      message: 'Unauthorized',
    });
    expect(
      parseOpenAiCompatibleErrorBody(
        '{"object":"error","message":"m","type":"BadRequestError","code":400}',
      ),
    ).toMatchObject({
      message: 'm',
      code: 400,
    });
    expect(parseOpenAiCompatibleErrorBody('{"detail":"Not Found"}')).toMatchObject({
      message: 'Not Found',
    });
    expect(parseOpenAiCompatibleErrorBody('not json')).toBeUndefined();
  });
});

describe('errors without an HTTP status', () => {
  it('infers the class of an in-stream error from its code or type', () => {
    expect(
      mapOpenAiCompatibleErrorPayload(profile, {
        error: { message: 'slow', type: 'rate_limit_error' },
      }),
    ).toMatchObject({
      code: 'upstream_rate_limited',
      status: 429,
    });
    expect(
      mapOpenAiCompatibleErrorPayload(profile, { error: { message: 'down', code: 502 } }),
    ).toMatchObject({
      code: 'upstream_server_error',
      status: 502,
      providerCode: '502',
    });
    expect(mapOpenAiCompatibleErrorPayload(profile, { error: { message: 'boom' } })).toMatchObject({
      code: 'upstream_server_error',
      message: 'Acme: boom',
      retryable: true,
    });
  });

  it('names truncated streams and malformed bodies as retryable provider faults', () => {
    expect(streamTruncatedError('Acme')).toMatchObject({
      code: 'upstream_stream_truncated',
      status: 502,
      fault: 'provider',
      retryable: true,
    });
    expect(invalidResponseError('Acme', 'no choices')).toMatchObject({
      code: 'upstream_invalid_response',
      status: 502,
    });
  });
});
