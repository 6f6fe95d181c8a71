import {
  headerValue,
  isAcceptedKey,
  type DialectRequest,
  type MockDialectHandler,
} from './dialect.js';
import { defaultEmbeddingDimensions, embeddingVector } from './embedding-vectors.js';
import { geminiGenerateBody, geminiStreamPayloads } from './gemini-content.js';
import { asArray, asNumber, asRecord, asString } from './json.js';
import { jsonPlan, sseHeaders, type JsonResponsePlan, type ResponsePlan } from './response-plan.js';
import { formatDataEvent } from './sse.js';

/**
 * The Gemini Developer API dialect (reference §3): `/v1beta/models/{model}:{method}`, key in
 * `x-goog-api-key` or `?key=`, errors as `google.rpc.Status` `{"error":{code,message,status}}`.
 */

const statusNames: Record<number, [status: string, message: string]> = {
  400: ['INVALID_ARGUMENT', 'Request contains an invalid argument.'],
  401: ['UNAUTHENTICATED', 'Request had invalid authentication credentials.'],
  403: ['PERMISSION_DENIED', 'The caller does not have permission'],
  404: ['NOT_FOUND', 'Requested entity was not found.'],
  429: ['RESOURCE_EXHAUSTED', 'Resource has been exhausted (e.g. check quota).'],
  500: [
    'INTERNAL',
    'An internal error has occurred. Please retry or report in https://developers.generativeai.google/guide/troubleshooting',
  ],
  503: ['UNAVAILABLE', 'The model is overloaded. Please try again later.'],
  504: ['DEADLINE_EXCEEDED', 'Deadline expired before operation could complete.'],
};

const jsonContentType = { 'content-type': 'application/json; charset=UTF-8' };

function errorBody(status: number, message?: string, details?: unknown[]): unknown {
  const [name, defaultMessage] = statusNames[status] ?? [
    status >= 500 ? 'INTERNAL' : 'FAILED_PRECONDITION',
    `HTTP ${status}`,
  ];
  return {
    error: {
      code: status,
      message: message ?? defaultMessage,
      status: name,
      ...(details === undefined ? {} : { details }),
    },
  };
}

export function geminiErrorPlan(
  status: number,
  message?: string,
  details?: unknown[],
): JsonResponsePlan {
  return jsonPlan(status, jsonContentType, errorBody(status, message, details));
}

export const geminiMock: MockDialectHandler = {
  dialect: 'gemini',

  match(method, path) {
    const match =
      /^\/(v1beta|v1)\/models\/([^/:]+):(generateContent|streamGenerateContent|embedContent|batchEmbedContents)$/.exec(
        path,
      );
    if (method !== 'POST' || match?.[2] === undefined || match[3] === undefined) return undefined;
    return { operation: match[3], params: { model: decodeURIComponent(match[2]) } };
  },

  authenticate(request, acceptedKeys) {
    const key =
      headerValue(request.headers, 'x-goog-api-key') ?? request.query.get('key') ?? undefined;
    if (key === undefined) {
      return geminiErrorPlan(
        403,
        "Method doesn't allow unregistered callers (callers without established identity). Please use API Key or other form of API consumer identity to call this API.",
      );
    }
    if (isAcceptedKey(key, acceptedKeys)) return undefined;
    // Gemini answers a wrong key with 400, not 401 (reference §3.6).
    return geminiErrorPlan(400, 'API key not valid. Please pass a valid API key.', [
      {
        '@type': 'type.googleapis.com/google.rpc.ErrorInfo',
        reason: 'API_KEY_INVALID',
        domain: 'googleapis.com',
        metadata: { service: 'generativelanguage.googleapis.com' },
      },
    ]);
  },

  respond(request) {
    const model = request.route.params.model ?? 'gemini';
    switch (request.route.operation) {
      case 'embedContent':
        return embedContentPlan(request, model);
      case 'batchEmbedContents':
        return batchEmbedContentsPlan(request, model);
      default:
        return generatePlan(request, model);
    }
  },

  error(status, message) {
    return geminiErrorPlan(status, message);
  },
};

function generatePlan(request: DialectRequest, pathModel: string): ResponsePlan {
  if (asArray(request.body.contents).length === 0) {
    return geminiErrorPlan(400, '* GenerateContentRequest.contents: contents is not specified\n');
  }
  const scenario = request.scenario();
  const model =
    request.options.servedModel ??
    (scenario.kind === 'script' ? scenario.script.model : undefined) ??
    pathModel;
  const thinking = asRecord(asRecord(request.body.generationConfig)?.thinkingConfig);
  const includeThoughts = thinking?.includeThoughts === true;
  if (request.route.operation === 'generateContent') {
    return jsonPlan(200, jsonContentType, geminiGenerateBody(scenario, model, includeThoughts));
  }
  const payloads = geminiStreamPayloads(scenario, model, includeThoughts);
  const errorJson = JSON.stringify(errorBody(500));
  if (request.query.get('alt') === 'sse') {
    const lineEnding = request.options.geminiLineEnding ?? '\n';
    return {
      kind: 'stream',
      status: 200,
      headers: { ...sseHeaders },
      // No [DONE]: the stream ends when the connection closes (reference §3.4).
      chunks: payloads.map((payload) => formatDataEvent(payload, lineEnding)),
      errorChunk: formatDataEvent(errorJson, lineEnding),
      malformedChunk: `data: {"candidates":[{"content":{"parts":[{"text":"tru${lineEnding}${lineEnding}`,
    };
  }
  // Without alt=sse Gemini streams one JSON array, element by element.
  return {
    kind: 'stream',
    status: 200,
    headers: { ...jsonContentType },
    chunks: [
      ...payloads.map((payload, index) => (index === 0 ? `[${payload}` : `,\r\n${payload}`)),
      ']',
    ],
    errorChunk: `,\r\n${errorJson}]`,
    malformedChunk: ',\r\n{"candidates":[{"content":',
  };
}

function textOfContent(content: unknown): string | undefined {
  const parts = asArray(asRecord(content)?.parts);
  if (parts.length === 0) return undefined;
  return parts.map((part) => asString(asRecord(part)?.text) ?? '').join('');
}

function vectorFor(
  model: string,
  text: string,
  request: Record<string, unknown>,
): { values: number[] } {
  const dimensions = asNumber(request.outputDimensionality) ?? defaultEmbeddingDimensions(model);
  return { values: embeddingVector(model, text, dimensions) };
}

function embedContentPlan(request: DialectRequest, model: string): ResponsePlan {
  const text = textOfContent(request.body.content);
  if (text === undefined)
    return geminiErrorPlan(400, '* EmbedContentRequest.content: contents is not specified\n');
  return jsonPlan(200, jsonContentType, { embedding: vectorFor(model, text, request.body) });
}

function batchEmbedContentsPlan(request: DialectRequest, model: string): ResponsePlan {
  const requests = asArray(request.body.requests);
  if (requests.length === 0)
    return geminiErrorPlan(
      400,
      '* BatchEmbedContentsRequest.requests: requests is not specified\n',
    );
  const embeddings: Array<{ values: number[] }> = [];
  for (const [index, entry] of requests.entries()) {
    const item = asRecord(entry) ?? {};
    // Each entry must repeat the model (reference §3.5); a gateway that drops it gets a 400.
    if (asString(item.model) !== `models/${model}`) {
      return geminiErrorPlan(
        400,
        `* BatchEmbedContentsRequest.requests[${index}].model: unexpected model name format\n`,
      );
    }
    const text = textOfContent(item.content);
    if (text === undefined)
      return geminiErrorPlan(
        400,
        `* BatchEmbedContentsRequest.requests[${index}].content: contents is not specified\n`,
      );
    embeddings.push(vectorFor(model, text, item));
  }
  return jsonPlan(200, jsonContentType, { embeddings });
}
