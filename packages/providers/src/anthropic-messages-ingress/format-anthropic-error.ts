import { isGatewayError } from '@switchyard/errors';
import type { AnthropicErrorBody, AnthropicErrorType } from './anthropic-ingress-api.js';

export interface AnthropicErrorResponse {
  status: number;
  headers: Record<string, string>;
  /** Also the `data` of an `event: error` once a stream has started (§2.6). */
  body: AnthropicErrorBody;
}

/** Anthropic's error type for each status (§2.7); 4xx without its own type are invalid requests. */
function errorTypeFor(status: number): AnthropicErrorType {
  switch (status) {
    case 401:
      return 'authentication_error';
    case 403:
      return 'permission_error';
    case 404:
      return 'not_found_error';
    case 413:
      return 'request_too_large';
    case 429:
      return 'rate_limit_error';
    case 503:
    case 529:
      return 'overloaded_error';
    case 504:
      return 'timeout_error';
    default:
      return status >= 400 && status < 500 ? 'invalid_request_error' : 'api_error';
  }
}

/**
 * Any error → the Anthropic error envelope `{"type":"error","error":{"type","message"}}` with
 * the status the gateway already chose for it (GatewayError statuses are mapped at the edge
 * once, here only dressed in Anthropic's vocabulary). 503 and 529 are both `overloaded_error`,
 * which the SDK retries. Errors that are not GatewayErrors are bugs: their text stays in the
 * logs, the client gets a plain 500 `api_error`.
 */
export function formatAnthropicError(error: unknown): AnthropicErrorResponse {
  if (!isGatewayError(error)) {
    return {
      status: 500,
      headers: {},
      body: { type: 'error', error: { type: 'api_error', message: 'Internal server error' } },
    };
  }
  const headers: Record<string, string> = {};
  if (error.retryAfterMs !== undefined)
    headers['retry-after'] = String(Math.ceil(error.retryAfterMs / 1000));
  return {
    status: error.status,
    headers,
    body: { type: 'error', error: { type: errorTypeFor(error.status), message: error.message } },
  };
}
