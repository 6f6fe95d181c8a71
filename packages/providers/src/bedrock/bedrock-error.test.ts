import { UpstreamError } from '@switchyard/errors';
import { describe, expect, it } from 'vitest';
import { bedrockAdapter } from './bedrock-adapter.js';

const awsError = (type: string) => ({
  'x-amzn-ErrorType': `${type}:http://internal.amazon.com/coral/com.amazon.bedrock/`,
});

describe('bedrockAdapter.mapError', () => {
  it.each([
    [400, 'ValidationException', 'upstream_bad_request', 400, 'caller', false],
    [403, 'AccessDeniedException', 'upstream_authentication', 502, 'provider', true],
    [403, 'UnrecognizedClientException', 'upstream_authentication', 502, 'provider', true],
    [404, 'ResourceNotFoundException', 'upstream_not_found', 502, 'provider', true],
    [408, 'ModelTimeoutException', 'upstream_timeout', 502, 'provider', true],
    [429, 'ThrottlingException', 'upstream_rate_limited', 429, 'provider', true],
    [400, 'ServiceQuotaExceededException', 'upstream_rate_limited', 429, 'provider', true],
    [429, 'ModelNotReadyException', 'upstream_overloaded', 503, 'provider', true],
    [503, 'ServiceUnavailableException', 'upstream_overloaded', 503, 'provider', true],
    [500, 'InternalServerException', 'upstream_server_error', 502, 'provider', true],
    [424, 'ModelErrorException', 'upstream_server_error', 502, 'provider', true],
  ] as const)('%i %s → %s', (status, type, code, mappedStatus, fault, retryable) => {
    const error = bedrockAdapter.mapError(
      status,
      awsError(type),
      JSON.stringify({ message: 'Something happened.' }),
    );
    expect(error).toBeInstanceOf(UpstreamError);
    expect(error).toMatchObject({
      code,
      status: mappedStatus,
      fault,
      retryable,
      providerCode: type,
      message: 'Amazon Bedrock: Something happened.',
    });
  });

  it('recognises a prompt over the context window', () => {
    const error = bedrockAdapter.mapError(
      400,
      awsError('ValidationException'),
      '{"message":"Input is too long for requested model."}',
    );
    expect(error).toMatchObject({
      code: 'context_length_exceeded',
      status: 400,
      fault: 'caller',
      retryable: false,
    });
  });

  it('takes retry-after on throttling', () => {
    const error = bedrockAdapter.mapError(
      429,
      { ...awsError('ThrottlingException'), 'retry-after': '3' },
      '{"message":"Too many requests, please wait before trying again."}',
    );
    expect(error.retryAfterMs).toBe(3000);
  });

  it('falls back to the status when the type is missing, quoting a non-JSON body verbatim', () => {
    expect(bedrockAdapter.mapError(504, {}, 'Gateway Timeout')).toMatchObject({
      code: 'upstream_timeout',
      status: 504,
      message: 'Amazon Bedrock: Gateway Timeout',
      providerCode: undefined,
    });
    expect(bedrockAdapter.mapError(401, {}, '{"Message":"bad token"}')).toMatchObject({
      code: 'upstream_authentication',
      message: 'Amazon Bedrock: bad token',
    });
  });
});
