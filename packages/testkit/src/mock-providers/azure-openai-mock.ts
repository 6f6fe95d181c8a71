import {
  bearerToken,
  headerValue,
  isAcceptedKey,
  type DialectRoute,
  type MockDialectHandler,
} from './dialect.js';
import { chatCompletionPlan } from './openai-chat.js';
import { azureErrorPlan } from './openai-errors.js';
import { completionsPlan, embeddingsPlan, missingMessages } from './openai-extra-endpoints.js';
import { randomId } from './ids.js';

/**
 * Azure OpenAI deployment routes (reference §4.9):
 * `/openai/deployments/{deployment}/chat/completions?api-version=…` with an `api-key` header (or
 * an Entra `Authorization: Bearer` token), plus `/embeddings` and legacy `/completions`. The
 * deployment picks the model; body `model` is ignored.
 */
export const azureOpenAiMock: MockDialectHandler = {
  dialect: 'azure-openai',

  match(method, path): DialectRoute | undefined {
    const match =
      /^\/openai\/deployments\/([^/]+)\/(chat\/completions|embeddings|completions)$/.exec(path);
    if (method !== 'POST' || match?.[1] === undefined) return undefined;
    return {
      operation: match[2] === 'chat/completions' ? 'chat' : (match[2] ?? 'chat'),
      params: { deployment: decodeURIComponent(match[1]) },
    };
  },

  authenticate(request, acceptedKeys) {
    const key = headerValue(request.headers, 'api-key') ?? bearerToken(request.headers);
    return isAcceptedKey(key, acceptedKeys) ? undefined : azureErrorPlan(401);
  },

  respond(request) {
    // Azure answers a missing api-version with a bare 404, as for an unknown route.
    if (!request.query.has('api-version')) return azureErrorPlan(404);
    const deployment = request.route.params.deployment ?? 'deployment';
    const headers = {
      'apim-request-id': randomId('', 32),
      'x-request-id': randomId('', 32),
      'x-ms-region': 'Sweden Central',
      'azureml-model-session': 'd001-20250101000000',
    };
    if (request.route.operation === 'embeddings')
      return embeddingsPlan(request, deployment, headers);
    // Legacy completions (gpt-35-turbo-instruct deployments); same body as OpenAI's.
    if (request.route.operation === 'completions')
      return completionsPlan(request, deployment, headers);
    return (
      missingMessages(request) ??
      chatCompletionPlan({
        request,
        requestedModel: undefined,
        fallbackModel: deployment,
        headers,
        azure: true,
      })
    );
  },

  error(status, message) {
    return azureErrorPlan(status, message);
  },
};
