import { UpstreamError } from '@switchyard/errors';
import { describe, expect, it } from 'vitest';
import { geminiAdapter } from './gemini-adapter.js';

const googleError = (code: number, status: string, message: string, details: unknown[] = []) =>
  JSON.stringify({ error: { code, message, status, details } });

describe('geminiAdapter.mapError', () => {
  it.each([
    [400, 'INVALID_ARGUMENT', 'upstream_bad_request', 400, 'caller', false],
    [403, 'PERMISSION_DENIED', 'upstream_authentication', 502, 'provider', true],
    [401, 'UNAUTHENTICATED', 'upstream_authentication', 502, 'provider', true],
    [404, 'NOT_FOUND', 'upstream_not_found', 502, 'provider', true],
    [408, 'DEADLINE_EXCEEDED', 'upstream_timeout', 502, 'provider', true],
    [504, 'DEADLINE_EXCEEDED', 'upstream_timeout', 504, 'provider', true],
    [429, 'RESOURCE_EXHAUSTED', 'upstream_rate_limited', 429, 'provider', true],
    [503, 'UNAVAILABLE', 'upstream_overloaded', 503, 'provider', true],
    [500, 'INTERNAL', 'upstream_server_error', 502, 'provider', true],
    [422, 'INVALID_ARGUMENT', 'upstream_bad_request', 422, 'caller', false],
  ] as const)('%i %s → %s', (status, providerStatus, code, mappedStatus, fault, retryable) => {
    const error = geminiAdapter.mapError(
      status,
      {},
      googleError(status, providerStatus, 'Something happened.'),
    );
    expect(error).toBeInstanceOf(UpstreamError);
    expect(error).toMatchObject({
      code,
      status: mappedStatus,
      fault,
      retryable,
      providerCode: providerStatus,
      message: 'Gemini: Something happened.',
    });
  });

  it('treats an invalid API key (a 400 INVALID_ARGUMENT) as our credential failing, not the caller', () => {
    const body = googleError(
      400,
      'INVALID_ARGUMENT',
      'API key not valid. Please pass a valid API key.',
      [
        {
          '@type': 'type.googleapis.com/google.rpc.ErrorInfo',
          reason: 'API_KEY_INVALID',
          domain: 'googleapis.com',
        },
      ],
    );
    expect(geminiAdapter.mapError(400, {}, body)).toMatchObject({
      code: 'upstream_authentication',
      status: 502,
      fault: 'provider',
      retryable: true,
    });
  });

  it('treats FAILED_PRECONDITION (billing/region) as an unusable account', () => {
    const body = googleError(
      400,
      'FAILED_PRECONDITION',
      'User location is not supported for the API use.',
    );
    expect(geminiAdapter.mapError(400, {}, body)).toMatchObject({
      code: 'upstream_authentication',
      fault: 'provider',
    });
  });

  it('recognises a prompt over the context window', () => {
    const body = googleError(
      400,
      'INVALID_ARGUMENT',
      'The input token count (1200000) exceeds the maximum number of tokens allowed (1048576).',
    );
    expect(geminiAdapter.mapError(400, {}, body)).toMatchObject({
      code: 'context_length_exceeded',
      status: 400,
      fault: 'caller',
      retryable: false,
    });
  });

  it('takes the retry hint from retry-after, else from google.rpc.RetryInfo', () => {
    const body = googleError(429, 'RESOURCE_EXHAUSTED', 'Quota exceeded.', [
      { '@type': 'type.googleapis.com/google.rpc.RetryInfo', retryDelay: '37s' },
    ]);
    expect(geminiAdapter.mapError(429, { 'Retry-After': '2' }, body).retryAfterMs).toBe(2000);
    expect(geminiAdapter.mapError(429, {}, body).retryAfterMs).toBe(37_000);
  });

  it('keeps a non-JSON body verbatim in the message', () => {
    expect(geminiAdapter.mapError(502, {}, '<html>Bad Gateway</html>')).toMatchObject({
      code: 'upstream_server_error',
      status: 502,
      message: 'Gemini: <html>Bad Gateway</html>',
      providerCode: undefined,
    });
  });
});
