import { GatewayError } from '@switchyard/errors';
import type { ProviderAdapter, UpstreamHttpRequest, UpstreamTarget } from '../spec/adapter.js';
import {
  convertOpenAiCompatibleEmbeddingsResponse,
  convertToOpenAiCompatibleEmbeddingsRequest,
} from './convert-openai-compatible-embeddings.js';
import { convertOpenAiCompatibleResponse } from './convert-openai-compatible-response.js';
import { OpenAiCompatibleStreamConverter } from './convert-openai-compatible-stream.js';
import { convertToOpenAiCompatibleCompletionsRequest } from './convert-to-openai-compatible-completions-request.js';
import { convertToOpenAiCompatibleRequest } from './convert-to-openai-compatible-request.js';
import { mapOpenAiCompatibleError } from './openai-compatible-error.js';
import { readNativeChatResponse } from './read-native-chat-response.js';
import type {
  OpenAiCompatibleEndpoint,
  OpenAiCompatibleProfile,
} from './openai-compatible-profile.js';

/**
 * Turns a declarative profile into a `ProviderAdapter` of the OpenAI family. The adapter is
 * pure: it builds requests and converts answers, the data plane does the I/O.
 */
export function createOpenAiCompatibleAdapter(profile: OpenAiCompatibleProfile): ProviderAdapter {
  const { embeddings, completions } = profile;
  return {
    id: profile.id,
    displayName: profile.displayName,
    capabilities: profile.capabilities,
    acceptsTraceContext: true,

    mapChatRequest(request, target, options) {
      const { body, dropped } = convertToOpenAiCompatibleRequest(
        request,
        target,
        profile,
        options.unsupported,
      );
      return { http: buildHttpRequest(profile, target, 'chat/completions', body), dropped };
    },
    mapChatResponse: (body, target) => convertOpenAiCompatibleResponse(body, target, profile),
    ...(profile.nativeChatResponse
      ? { readNativeChatResponse: (body: unknown) => readNativeChatResponse(body, profile) }
      : {}),
    createChatStreamConverter: (target, options) =>
      new OpenAiCompatibleStreamConverter(profile, target, options),

    ...(embeddings
      ? {
          mapEmbeddingsRequest(request, target, options) {
            const { body, dropped } = convertToOpenAiCompatibleEmbeddingsRequest(
              request,
              target,
              profile,
              embeddings,
              options.unsupported,
            );
            return { http: buildHttpRequest(profile, target, 'embeddings', body), dropped };
          },
          mapEmbeddingsResponse: (body, target) =>
            convertOpenAiCompatibleEmbeddingsResponse(body, target, profile),
        }
      : {}),
    ...(completions
      ? {
          mapCompletionsRequest(request, target, options) {
            const { body, dropped } = convertToOpenAiCompatibleCompletionsRequest(
              request,
              target,
              profile,
              completions,
              options.unsupported,
            );
            return { http: buildHttpRequest(profile, target, 'completions', body), dropped };
          },
        }
      : {}),

    mapError: (status, headers, body) => mapOpenAiCompatibleError(profile, status, headers, body),
  } satisfies ProviderAdapter;
}

function buildHttpRequest(
  profile: OpenAiCompatibleProfile,
  target: UpstreamTarget,
  endpoint: OpenAiCompatibleEndpoint,
  body: Record<string, unknown>,
): UpstreamHttpRequest {
  const url = profile.buildUrl
    ? profile.buildUrl(target, endpoint)
    : `${resolveOpenAiCompatibleBaseUrl(profile, target)}/${endpoint}`;
  return {
    method: 'POST',
    url,
    headers: {
      'content-type': 'application/json',
      ...authHeaders(profile, target),
      ...profile.extraHeaders?.(target),
    },
    body: JSON.stringify(body),
  };
}

/** The target's base URL, else the profile's default, without a trailing slash. */
export function resolveOpenAiCompatibleBaseUrl(
  profile: Pick<OpenAiCompatibleProfile, 'defaultBaseUrl' | 'displayName'>,
  target: UpstreamTarget,
): string {
  const baseUrl = (target.baseUrl || profile.defaultBaseUrl || '').replace(/\/+$/, '');
  if (baseUrl === '') {
    throw new GatewayError(`${profile.displayName} target has no base URL configured`, {
      code: 'target_misconfigured',
      status: 500,
      fault: 'gateway',
    });
  }
  return baseUrl;
}

function authHeaders(
  profile: OpenAiCompatibleProfile,
  target: UpstreamTarget,
): Record<string, string> {
  if (typeof profile.auth === 'function') return profile.auth(target);
  if (profile.auth === 'optional-bearer' && target.apiKey === '') return {};
  return { authorization: `Bearer ${target.apiKey}` };
}
