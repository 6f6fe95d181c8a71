import { anthropicMessageBody, anthropicMessageEvents } from './anthropic-messages.js';
import {
  bearerToken,
  headerValue,
  isAcceptedKey,
  wantsStream,
  type MockDialectHandler,
} from './dialect.js';
import { randomId } from './ids.js';
import { asArray, asString } from './json.js';
import {
  jsonPlan,
  sseHeaders,
  type JsonResponsePlan,
  type ResponseHeaders,
} from './response-plan.js';
import { formatNamedEvent } from './sse.js';

/**
 * The Anthropic Messages dialect (reference §2): `POST /v1/messages` with `x-api-key` and a
 * required `anthropic-version`; errors as `{"type":"error","error":{type,message},"request_id"}`.
 */

const errorTypes: Record<number, [type: string, message: string]> = {
  400: ['invalid_request_error', 'Invalid request'],
  401: ['authentication_error', 'invalid x-api-key'],
  402: ['billing_error', 'Your credit balance is too low to access the Anthropic API.'],
  403: ['permission_error', 'Your API key does not have permission to use the specified resource.'],
  404: ['not_found_error', 'Not found'],
  413: ['request_too_large', 'Request exceeds the maximum allowed number of bytes.'],
  429: [
    'rate_limit_error',
    'This request would exceed the rate limit for your organization of 50 requests per minute.',
  ],
  500: ['api_error', 'Internal server error'],
  504: ['timeout_error', 'Request timeout'],
  529: ['overloaded_error', 'Overloaded'],
};

function errorShape(status: number): [string, string] {
  return (
    errorTypes[status] ??
    (status >= 500
      ? ['api_error', 'Internal server error']
      : ['invalid_request_error', 'Invalid request'])
  );
}

function anthropicHeaders(requestId: string): ResponseHeaders {
  return { 'request-id': requestId, 'anthropic-organization-id': 'switchyard-mock' };
}

export function anthropicErrorPlan(status: number, message?: string): JsonResponsePlan {
  const requestId = randomId('req_011');
  const [type, defaultMessage] = errorShape(status);
  return jsonPlan(status, anthropicHeaders(requestId), {
    type: 'error',
    error: { type, message: message ?? defaultMessage },
    request_id: requestId,
  });
}

export const anthropicMock: MockDialectHandler = {
  dialect: 'anthropic',

  match(method, path) {
    return method === 'POST' && path === '/v1/messages'
      ? { operation: 'messages', params: {} }
      : undefined;
  },

  authenticate(request, acceptedKeys) {
    const key = headerValue(request.headers, 'x-api-key') ?? bearerToken(request.headers);
    if (key === undefined) return anthropicErrorPlan(401, 'x-api-key header is required');
    if (!isAcceptedKey(key, acceptedKeys)) return anthropicErrorPlan(401, 'invalid x-api-key');
    if (headerValue(request.headers, 'anthropic-version') === undefined) {
      return anthropicErrorPlan(400, 'anthropic-version: header is required');
    }
    return undefined;
  },

  respond(request) {
    const { body } = request;
    const requestedModel = asString(body.model);
    if (requestedModel === undefined) return anthropicErrorPlan(400, 'model: Field required');
    if (typeof body.max_tokens !== 'number')
      return anthropicErrorPlan(400, 'max_tokens: Field required');
    if (asArray(body.messages).length === 0)
      return anthropicErrorPlan(400, 'messages: Field required');

    const scenario = request.scenario();
    const model =
      request.options.servedModel ??
      (scenario.kind === 'script' ? scenario.script.model : undefined) ??
      requestedModel;
    const headers = anthropicHeaders(randomId('req_011'));
    if (!wantsStream(body)) return jsonPlan(200, headers, anthropicMessageBody(scenario, model));
    const [, overloaded] = errorShape(529);
    return {
      kind: 'stream',
      status: 200,
      headers: { ...sseHeaders, ...headers },
      chunks: anthropicMessageEvents(scenario, model),
      // After the 200, failures arrive as an `error` event (reference §2.6).
      errorChunk: formatNamedEvent(
        'error',
        JSON.stringify({ type: 'error', error: { type: 'overloaded_error', message: overloaded } }),
      ),
      malformedChunk:
        'event: content_block_delta\ndata: {"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":"tru\n\n',
    };
  },

  error(status, message) {
    return anthropicErrorPlan(status, message);
  },
};
