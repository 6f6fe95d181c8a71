import {
  bearerToken,
  isAcceptedKey,
  type DialectRoute,
  type MockDialectHandler,
} from './dialect.js';
import { chatCompletionPlan } from './openai-chat.js';
import { openAiErrorPlan, openAiResponseHeaders } from './openai-errors.js';
import {
  completionsPlan,
  embeddingsPlan,
  missingMessages,
  modelsPlan,
  requireModel,
} from './openai-extra-endpoints.js';

/**
 * The OpenAI dialect (reference §1): `Authorization: Bearer <key>`, the `/v1` endpoints, the
 * OpenAI error envelope. OpenAI-compatible recordings (Groq, DeepSeek, Mistral, xAI) play here.
 */
export const openAiMock: MockDialectHandler = {
  dialect: 'openai',

  match(method, path): DialectRoute | undefined {
    if (method === 'POST' && path === '/v1/chat/completions')
      return { operation: 'chat', params: {} };
    if (method === 'POST' && path === '/v1/embeddings')
      return { operation: 'embeddings', params: {} };
    if (method === 'POST' && path === '/v1/completions')
      return { operation: 'completions', params: {} };
    if (method === 'GET' && path === '/v1/models') return { operation: 'models', params: {} };
    const model = /^\/v1\/models\/(.+)$/.exec(path)?.[1];
    if (method === 'GET' && model !== undefined)
      return { operation: 'models', params: { model: decodeURIComponent(model) } };
    return undefined;
  },

  authenticate(request, acceptedKeys) {
    const key = bearerToken(request.headers);
    if (isAcceptedKey(key, acceptedKeys)) return undefined;
    return openAiErrorPlan(
      401,
      key === undefined
        ? "You didn't provide an API key. You need to provide your API key in an Authorization header using Bearer auth (i.e. Authorization: Bearer YOUR_KEY)."
        : `Incorrect API key provided: ${maskKey(key)}. You can find your API key at https://platform.openai.com/account/api-keys.`,
    );
  },

  respond(request) {
    const headers = openAiResponseHeaders();
    if (request.route.operation === 'models') return modelsPlan(request, headers);
    const model = requireModel(request);
    if (typeof model !== 'string') return model;
    switch (request.route.operation) {
      case 'embeddings':
        return embeddingsPlan(request, model, headers);
      case 'completions':
        return completionsPlan(request, model, headers);
      default:
        return (
          missingMessages(request) ??
          chatCompletionPlan({ request, requestedModel: model, headers, azure: false })
        );
    }
  },

  error(status, message) {
    return openAiErrorPlan(status, message);
  },
};

/** OpenAI echoes only the ends of a wrong key. */
function maskKey(key: string): string {
  return key.length <= 8 ? '***' : `${key.slice(0, 3)}***${key.slice(-4)}`;
}
