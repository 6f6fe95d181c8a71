import { GatewayError, InvalidRequestError, isGatewayError } from '@switchyard/errors';

/**
 * Turns Fastify's own errors (bad JSON, wrong content type, body too large) and anything
 * unexpected into GatewayErrors, so both dialects format every failure the same way.
 */
export function normalizeError(error: unknown): GatewayError {
  if (isGatewayError(error)) return error;
  const fastifyError = error as { statusCode?: number; code?: string; message?: string };
  const status = fastifyError.statusCode;
  if (status === 413 || fastifyError.code === 'FST_ERR_CTP_BODY_TOO_LARGE') {
    return new GatewayError('The request body is too large.', {
      code: 'request_too_large',
      status: 413,
      fault: 'caller',
    });
  }
  if (status === 415 || fastifyError.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE') {
    return new GatewayError('Send the body as JSON with "Content-Type: application/json".', {
      code: 'unsupported_media_type',
      status: 415,
      fault: 'caller',
    });
  }
  if (status !== undefined && status >= 400 && status < 500) {
    const detail = fastifyError.message ? `: ${fastifyError.message}` : '';
    return new InvalidRequestError(`Could not parse the request body as JSON${detail}`, {
      code: 'invalid_json',
    });
  }
  return new GatewayError('Internal gateway error.', {
    code: 'gateway_internal_error',
    status: 500,
    fault: 'gateway',
    cause: error,
  });
}
