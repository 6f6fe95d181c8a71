import Anthropic from '@anthropic-ai/sdk';
import {
  AuthenticationError,
  GatewayError,
  InvalidRequestError,
  NotFoundError,
  PermissionDeniedError,
  UnsupportedParameterError,
  UpstreamError,
} from '@switchyard/errors';
import { describe, expect, it } from 'vitest';
import { formatAnthropicError } from './format-anthropic-error.js';

const upstream = (code: string, status: number, retryAfterMs?: number) =>
  new UpstreamError(`Anthropic: ${code}`, {
    code,
    status,
    fault: 'provider',
    retryable: true,
    retryAfterMs,
  });

describe('formatAnthropicError', () => {
  it.each([
    [new InvalidRequestError('messages: required'), 400, 'invalid_request_error'],
    [new UnsupportedParameterError('logit_bias', 'Mistral'), 400, 'invalid_request_error'],
    [new AuthenticationError('Invalid API key'), 401, 'authentication_error'],
    [new PermissionDeniedError('Model not allowed'), 403, 'permission_error'],
    [new NotFoundError('No such model'), 404, 'not_found_error'],
    [
      new GatewayError('Too large', { code: 'request_too_large', status: 413, fault: 'caller' }),
      413,
      'request_too_large',
    ],
    [upstream('upstream_rate_limited', 429), 429, 'rate_limit_error'],
    [upstream('upstream_server_error', 502), 502, 'api_error'],
    [upstream('upstream_overloaded', 503), 503, 'overloaded_error'],
    [
      new GatewayError('Overloaded', { code: 'overloaded', status: 529, fault: 'provider' }),
      529,
      'overloaded_error',
    ],
    [upstream('upstream_timeout', 504), 504, 'timeout_error'],
    [
      new GatewayError('boom', { code: 'internal', status: 500, fault: 'gateway' }),
      500,
      'api_error',
    ],
  ])('%s → %i %s', (error, status, type) => {
    expect(formatAnthropicError(error)).toEqual({
      status,
      headers: {},
      body: { type: 'error', error: { type, message: error.message } },
    });
  });

  it('sends retry-after in whole seconds when the error says when to retry', () => {
    expect(formatAnthropicError(upstream('upstream_rate_limited', 429, 1500)).headers).toEqual({
      'retry-after': '2',
    });
  });

  it('hides the text of errors that are not GatewayErrors', () => {
    expect(formatAnthropicError(new TypeError('secret internals'))).toEqual({
      status: 500,
      headers: {},
      body: { type: 'error', error: { type: 'api_error', message: 'Internal server error' } },
    });
  });

  it.each([
    [new InvalidRequestError('bad'), Anthropic.BadRequestError],
    [new AuthenticationError('no key'), Anthropic.AuthenticationError],
    [new PermissionDeniedError('no'), Anthropic.PermissionDeniedError],
    [new NotFoundError('none'), Anthropic.NotFoundError],
    [upstream('upstream_rate_limited', 429), Anthropic.RateLimitError],
    [upstream('upstream_server_error', 502), Anthropic.InternalServerError],
  ])('is raised by the Anthropic SDK as the matching class: %s', async (error, errorClass) => {
    const formatted = formatAnthropicError(error);
    const client = new Anthropic({
      apiKey: 'sk-gateway',
      baseURL: 'http://gateway.test',
      maxRetries: 0,
      fetch: async () =>
        new Response(JSON.stringify(formatted.body), {
          status: formatted.status,
          headers: { 'content-type': 'application/json', ...formatted.headers },
        }),
    });
    const call = client.messages.create({ model: 'gateway-model', max_tokens: 10, messages: [] });
    await expect(call).rejects.toBeInstanceOf(errorClass);
    await expect(call).rejects.toMatchObject({ status: formatted.status, error: formatted.body });
  });
});
