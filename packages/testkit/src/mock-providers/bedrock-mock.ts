import { encodeBedrockEvent, encodeBedrockException } from './aws-eventstream.js';
import { converseBody, converseStreamFrames } from './bedrock-converse.js';
import {
  bearerToken,
  headerValue,
  isAcceptedKey,
  type DialectRequest,
  type MockDialectHandler,
} from './dialect.js';
import { randomRequestUuid } from './ids.js';
import { asArray } from './json.js';
import { jsonPlan, type JsonResponsePlan, type ResponsePlan } from './response-plan.js';

/**
 * The Bedrock Converse dialect (reference §4.10): `/model/{modelId}/converse` and
 * `/converse-stream`, SigV4-signed. Errors are `{"message": …}` with the type in
 * `x-amzn-ErrorType`, which real AWS suffixes with `:<namespace>` (clients keep what precedes ':').
 *
 * The signature itself is not verified (the mock has no secret to check it against); its shape,
 * scope (service `bedrock`), signed headers and `x-amz-date` are, which catches most signing bugs.
 */

const errorTypes: Record<number, [type: string, message: string]> = {
  400: [
    'ValidationException',
    'Malformed input request, please reformat your input and try again.',
  ],
  403: ['AccessDeniedException', "You don't have access to the model with the specified model ID."],
  404: [
    'ResourceNotFoundException',
    'Could not resolve the foundation model from the provided model identifier.',
  ],
  408: [
    'ModelTimeoutException',
    'Model has timed out in processing the request. Try your request again.',
  ],
  424: [
    'ModelErrorException',
    'The system encountered an unexpected error during processing. Try your request again.',
  ],
  429: ['ThrottlingException', 'Too many requests, please wait before trying again.'],
  500: [
    'InternalServerException',
    'The system encountered an unexpected error during processing. Try your request again.',
  ],
  503: ['ServiceUnavailableException', 'Bedrock is unable to process your request.'],
};

export function bedrockErrorPlan(
  status: number,
  message?: string,
  errorType?: string,
): JsonResponsePlan {
  const [defaultType, defaultMessage] = errorTypes[status] ?? [
    status >= 500 ? 'InternalServerException' : 'ValidationException',
    `HTTP ${status}`,
  ];
  return jsonPlan(
    status,
    {
      'x-amzn-requestid': randomRequestUuid(),
      'x-amzn-errortype': `${errorType ?? defaultType}:http://internal.amazon.com/coral/com.amazon.bedrock/`,
    },
    { message: message ?? defaultMessage },
  );
}

const sigV4Pattern =
  /^AWS4-HMAC-SHA256 Credential=([A-Za-z0-9]+)\/(\d{8})\/([a-z0-9-]+)\/bedrock\/aws4_request,\s*SignedHeaders=([a-z0-9;-]+),\s*Signature=([0-9a-f]{64})$/;

export const bedrockMock: MockDialectHandler = {
  dialect: 'bedrock',

  match(method, path) {
    const match = /^\/model\/([^/]+)\/(converse|converse-stream)$/.exec(path);
    if (method !== 'POST' || match?.[1] === undefined || match[2] === undefined) return undefined;
    return { operation: match[2], params: { modelId: decodeURIComponent(match[1]) } };
  },

  authenticate(request, acceptedKeys) {
    return checkAwsAuthorization(request, acceptedKeys);
  },

  respond(request) {
    if (asArray(request.body.messages).length === 0) {
      return bedrockErrorPlan(
        400,
        "1 validation error detected: Value null at 'messages' failed to satisfy constraint: Member must not be null",
      );
    }
    const body = converseBody(request.scenario());
    const headers = { 'x-amzn-requestid': randomRequestUuid() };
    if (request.route.operation === 'converse') return jsonPlan(200, headers, body);
    const [firstFrame] = converseStreamFrames(body);
    return {
      kind: 'stream',
      status: 200,
      headers: { ...headers, 'content-type': 'application/vnd.amazon.eventstream' },
      chunks: converseStreamFrames(body),
      // After the 200, failures are exception frames (reference §4.10).
      errorChunk: encodeBedrockException(
        'internalServerException',
        errorTypes[500]?.[1] ?? 'Internal error',
      ),
      malformedChunk: corruptChecksum(
        firstFrame ?? encodeBedrockEvent('messageStart', { role: 'assistant' }),
      ),
    };
  },

  error(status, message) {
    return bedrockErrorPlan(status, message);
  },
};

/** SigV4 shape and scope, or a Bedrock API key as `Authorization: Bearer`. */
function checkAwsAuthorization(
  request: DialectRequest,
  acceptedKeys: string[] | undefined,
): ResponsePlan | undefined {
  const authorization = headerValue(request.headers, 'authorization');
  if (authorization === undefined)
    return bedrockErrorPlan(
      403,
      'Missing Authentication Token',
      'MissingAuthenticationTokenException',
    );
  const apiKey = bearerToken(request.headers);
  if (apiKey !== undefined) {
    return isAcceptedKey(apiKey, acceptedKeys)
      ? undefined
      : bedrockErrorPlan(
          403,
          'Invalid API Key format: Must start with pre-defined prefix',
          'UnrecognizedClientException',
        );
  }
  const match = sigV4Pattern.exec(authorization);
  if (match === null) {
    return bedrockErrorPlan(
      403,
      `Authorization header is not a SigV4 header for service 'bedrock' (expected "AWS4-HMAC-SHA256 Credential=<key>/<yyyymmdd>/<region>/bedrock/aws4_request, SignedHeaders=…, Signature=<64 hex>"): ${authorization}`,
      'IncompleteSignatureException',
    );
  }
  const [, accessKeyId, credentialDate, , signedHeaders] = match;
  const amzDate = headerValue(request.headers, 'x-amz-date');
  if (amzDate === undefined || !/^\d{8}T\d{6}Z$/.test(amzDate)) {
    return bedrockErrorPlan(
      403,
      "Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header.",
      'IncompleteSignatureException',
    );
  }
  if (!amzDate.startsWith(credentialDate ?? '')) {
    return bedrockErrorPlan(
      403,
      `Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date from HTTP: '${credentialDate}' != '${amzDate.slice(0, 8)}'`,
      'InvalidSignatureException',
    );
  }
  const signed = (signedHeaders ?? '').split(';');
  if (!signed.includes('host') || !signed.includes('x-amz-date')) {
    return bedrockErrorPlan(
      403,
      "'Host' and 'X-Amz-Date' must be signed headers.",
      'InvalidSignatureException',
    );
  }
  if (!isAcceptedKey(accessKeyId, acceptedKeys)) {
    return bedrockErrorPlan(
      403,
      'The security token included in the request is invalid.',
      'UnrecognizedClientException',
    );
  }
  return undefined;
}

/** Same frame with its message CRC flipped: a conforming decoder must reject it. */
function corruptChecksum(frame: Buffer): Buffer {
  const copy = Buffer.from(frame);
  const last = copy.length - 1;
  copy[last] = (copy[last] ?? 0) ^ 0xff;
  return copy;
}
