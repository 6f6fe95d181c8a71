import { randomId } from './ids.js';
import { jsonPlan, type JsonResponsePlan, type ResponseHeaders } from './response-plan.js';

/**
 * OpenAI's error envelope `{"error":{"message","type","param","code"}}` (reference §1.8) and the
 * headers OpenAI puts on every response. Azure OpenAI wraps errors differently (below).
 */

interface OpenAiErrorShape {
  message: string;
  type: string;
  code: string | null;
}

const errorsByStatus: Record<number, OpenAiErrorShape> = {
  400: { message: 'Invalid request.', type: 'invalid_request_error', code: null },
  401: {
    message:
      'Incorrect API key provided. You can find your API key at https://platform.openai.com/account/api-keys.',
    type: 'invalid_request_error',
    code: 'invalid_api_key',
  },
  403: {
    message: 'Country, region, or territory not supported',
    type: 'request_forbidden',
    code: 'unsupported_country_region_territory',
  },
  404: {
    message: 'The model does not exist or you do not have access to it.',
    type: 'invalid_request_error',
    code: 'model_not_found',
  },
  408: { message: 'Request timed out.', type: 'timeout', code: null },
  409: { message: 'Conflict.', type: 'invalid_request_error', code: null },
  422: { message: 'Unprocessable entity.', type: 'invalid_request_error', code: null },
  429: {
    message:
      'Rate limit reached for requests per min (RPM): Limit 3, Used 3, Requested 1. Please try again in 20s.',
    type: 'requests',
    code: 'rate_limit_exceeded',
  },
  500: {
    message: 'The server had an error while processing your request. Sorry about that!',
    type: 'server_error',
    code: null,
  },
  502: { message: 'Bad gateway.', type: 'server_error', code: null },
  503: {
    message: 'The engine is currently overloaded, please try again later.',
    type: 'server_error',
    code: null,
  },
  504: { message: 'Gateway timeout.', type: 'server_error', code: null },
};

export function openAiErrorBody(
  status: number,
  message?: string,
  param: string | null = null,
): unknown {
  const known = errorsByStatus[status] ?? {
    message: `Request failed with status ${status}.`,
    type: status >= 500 ? 'server_error' : 'invalid_request_error',
    code: null,
  };
  return {
    error: { message: message ?? known.message, type: known.type, param, code: known.code },
  };
}

/** Headers OpenAI sends on every response, including the `x-ratelimit-*` family. */
export function openAiResponseHeaders(): ResponseHeaders {
  return {
    'x-request-id': randomId('req_', 32),
    'openai-processing-ms': '42',
    'openai-version': '2020-10-01',
    'openai-organization': 'switchyard-mock',
    'x-ratelimit-limit-requests': '10000',
    'x-ratelimit-limit-tokens': '30000000',
    'x-ratelimit-remaining-requests': '9999',
    'x-ratelimit-remaining-tokens': '29999990',
    'x-ratelimit-reset-requests': '6ms',
    'x-ratelimit-reset-tokens': '0s',
  };
}

export function openAiErrorPlan(
  status: number,
  message?: string,
  param: string | null = null,
): JsonResponsePlan {
  return jsonPlan(status, openAiResponseHeaders(), openAiErrorBody(status, message, param));
}

/** The OpenAI mid-stream error event: a `data:` line whose JSON has `error` (reference §1.7). */
export function openAiStreamErrorEvent(): string {
  return `data: ${JSON.stringify(openAiErrorBody(500))}\n\n`;
}

/**
 * Azure OpenAI errors: service-level ones (auth, unknown route) use `{"error":{"code","message"}}`
 * with the status as a string code; model-level ones pass OpenAI's envelope through.
 */
export function azureErrorPlan(status: number, message?: string): JsonResponsePlan {
  const headers = {
    'apim-request-id': randomId('', 32),
    'x-request-id': randomId('', 32),
    'x-ms-region': 'Sweden Central',
  };
  if (status === 401) {
    return jsonPlan(401, headers, {
      error: {
        code: '401',
        message:
          message ??
          'Access denied due to invalid subscription key or wrong API endpoint. Make sure to provide a valid key for an active subscription and use a correct regional API endpoint for your resource.',
      },
    });
  }
  if (status === 404 && message === undefined) {
    return jsonPlan(404, headers, { error: { code: '404', message: 'Resource not found' } });
  }
  return jsonPlan(status, headers, openAiErrorBody(status, message));
}
