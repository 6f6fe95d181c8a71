import { UpstreamError, type GatewayErrorOptions } from '@switchyard/errors';
import {
  wireErrorBodySchema,
  wireErrorEnvelopeSchema,
  type WireErrorBody,
} from './openai-compatible-api.js';
import type { OpenAiCompatibleProfile } from './openai-compatible-profile.js';

type ErrorProfile = Pick<OpenAiCompatibleProfile, 'displayName' | 'errorDetails'>;

/**
 * Converts a non-2xx answer of an OpenAI-compatible API into an `UpstreamError`. The class comes
 * from the HTTP status (reference §1.8), refined by the provider's own code for the cases the
 * status cannot tell apart: quota vs rate limit on 429, context length and content filter on 400.
 * Caller faults keep the upstream 4xx; provider faults become 502 (429/503/504 keep theirs) so a
 * provider outage never reaches the caller as a 404 or 401.
 */
export function mapOpenAiCompatibleError(
  profile: ErrorProfile,
  status: number,
  headers: Readonly<Record<string, string>>,
  body: string,
  nowMs: number = Date.now(),
): UpstreamError {
  const error = parseOpenAiCompatibleErrorBody(body);
  const message = describe(profile, status, error, body);
  const providerCode = providerCodeOf(error);
  const details = error ? profile.errorDetails?.(error) : undefined;
  const base = { providerCode, details };
  const classified = classify(status, error, message);
  const retryAfterMs =
    classified.code === 'upstream_rate_limited' || classified.code === 'upstream_overloaded'
      ? parseRetryAfter(headers, nowMs)
      : undefined;
  return new UpstreamError(message, { ...classified, ...base, retryAfterMs });
}

/**
 * An error sent inside a 200 stream (`data: {"error":…}`, reference §1.7) or body. There is no
 * HTTP status, so one is inferred from the error's numeric code or its type before classifying.
 */
export function mapOpenAiCompatibleErrorPayload(
  profile: ErrorProfile,
  payload: unknown,
): UpstreamError {
  const error = readErrorBody(payload);
  const status = inferStatus(error);
  const message = describe(profile, status, error, JSON.stringify(payload));
  return new UpstreamError(message, {
    ...classify(status, error, message),
    providerCode: providerCodeOf(error),
    details: error ? profile.errorDetails?.(error) : undefined,
  });
}

/** The provider's stream ended before its terminal event: never let that look like a clean end. */
export function streamTruncatedError(displayName: string): UpstreamError {
  return new UpstreamError(`${displayName}: the response stream ended before it was complete`, {
    code: 'upstream_stream_truncated',
    status: 502,
    fault: 'provider',
    retryable: true,
  });
}

/** A 2xx body that is not what the API documents (bad JSON, missing `choices`…). */
export function invalidResponseError(
  displayName: string,
  detail: string,
  cause?: unknown,
): UpstreamError {
  return new UpstreamError(`${displayName}: unexpected response (${detail})`, {
    code: 'upstream_invalid_response',
    status: 502,
    fault: 'provider',
    retryable: true,
    cause,
  });
}

/** Reads `{"error":{…}}`, `{"error":"…"}`, flat `{object:"error",message,…}` and FastAPI `{detail}`. */
export function parseOpenAiCompatibleErrorBody(body: string): WireErrorBody | undefined {
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch {
    return undefined;
  }
  return readErrorBody(json);
}

function readErrorBody(json: unknown): WireErrorBody | undefined {
  const envelope = wireErrorEnvelopeSchema.safeParse(json);
  if (envelope.success) {
    const inner = envelope.data.error;
    return typeof inner === 'string' ? { message: inner } : inner;
  }
  if (typeof json !== 'object' || json === null) return undefined;
  if ('message' in json || 'detail' in json) {
    const flat = wireErrorBodySchema.safeParse(json);
    if (flat.success) {
      return flat.data.message === undefined
        ? { ...flat.data, message: flat.data['detail'] }
        : flat.data;
    }
  }
  return undefined;
}

/**
 * Parses `retry-after-ms` (milliseconds), else `retry-after` as seconds or an HTTP date
 * (reference §1.8). Header names are matched case-insensitively.
 */
export function parseRetryAfter(
  headers: Readonly<Record<string, string>>,
  nowMs: number,
): number | undefined {
  const milliseconds = headerValue(headers, 'retry-after-ms');
  if (milliseconds !== undefined && /^\d+(\.\d+)?$/.test(milliseconds)) {
    return Math.round(Number(milliseconds));
  }
  const value = headerValue(headers, 'retry-after');
  if (value === undefined) return undefined;
  if (/^\d+(\.\d+)?$/.test(value)) return Math.round(Number(value) * 1000);
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - nowMs);
}

function headerValue(headers: Readonly<Record<string, string>>, name: string): string | undefined {
  for (const key in headers) {
    if (key.toLowerCase() === name) return headers[key]?.trim();
  }
  return undefined;
}

type Classification = Pick<GatewayErrorOptions, 'code' | 'status' | 'fault' | 'retryable'>;

function classify(
  status: number,
  error: WireErrorBody | undefined,
  message: string,
): Classification {
  const codes = [error?.code, error?.type].filter((value) => typeof value === 'string');
  const has = (...names: string[]) => codes.some((code) => names.includes(code));
  const provider = (code: string, httpStatus = 502): Classification => ({
    code,
    status: httpStatus,
    fault: 'provider',
    retryable: true,
  });
  const caller = (code: string): Classification => ({
    code,
    status,
    fault: 'caller',
    retryable: false,
  });

  if (status === 401 || status === 403) return provider('upstream_authentication');
  if (status === 402) return provider('upstream_quota_exceeded');
  if (status === 404) return provider('upstream_not_found');
  if (status === 408) return provider('upstream_timeout');
  if (status === 504) return provider('upstream_timeout', 504);
  if (status === 429) {
    // OpenAI: billing exhaustion is also a 429, with type/code `insufficient_quota` (§1.8 ⚠).
    return provider(
      has('insufficient_quota') ? 'upstream_quota_exceeded' : 'upstream_rate_limited',
      429,
    );
  }
  if (status === 503) return provider('upstream_overloaded', 503);
  if (status === 529) return provider('upstream_overloaded');
  if (status >= 400 && status < 500) {
    if (has('context_length_exceeded') || /maximum context length/i.test(message)) {
      return caller('context_length_exceeded');
    }
    if (has('content_filter', 'content_policy_violation')) return caller('upstream_content_filter');
    return caller('upstream_bad_request');
  }
  return provider('upstream_server_error');
}

const statusByType: Readonly<Record<string, number>> = {
  invalid_request_error: 400,
  context_length_exceeded: 400,
  authentication_error: 401,
  permission_error: 403,
  not_found_error: 404,
  rate_limit_exceeded: 429,
  rate_limit_error: 429,
  insufficient_quota: 429,
  overloaded_error: 503,
};

function inferStatus(error: WireErrorBody | undefined): number {
  const numeric = typeof error?.code === 'number' ? error.code : Number(error?.['status']);
  if (Number.isInteger(numeric) && numeric >= 400 && numeric < 600) return numeric;
  for (const key of [error?.code, error?.type]) {
    const status = typeof key === 'string' ? statusByType[key] : undefined;
    if (status !== undefined) return status;
  }
  return 500;
}

function providerCodeOf(error: WireErrorBody | undefined): string | undefined {
  if (typeof error?.code === 'string') return error.code;
  return error?.type ?? (typeof error?.code === 'number' ? String(error.code) : undefined);
}

function describe(
  profile: ErrorProfile,
  status: number,
  error: WireErrorBody | undefined,
  rawBody: string,
): string {
  const text = messageText(error?.message);
  if (text) return `${profile.displayName}: ${text}`;
  const snippet = rawBody.trim().slice(0, 300);
  return `${profile.displayName} returned HTTP ${status}${snippet ? `: ${snippet}` : ''}`;
}

/** Mistral's and vLLM's pydantic errors put `{detail:[{loc,msg}]}` where a message should be. */
function messageText(message: unknown): string | undefined {
  if (typeof message === 'string') return message || undefined;
  if (message === undefined || message === null) return undefined;
  if (typeof message === 'object' && 'detail' in message) {
    const detail = message.detail;
    if (typeof detail === 'string') return detail;
    if (Array.isArray(detail)) {
      return detail
        .map((item: unknown) => {
          if (typeof item !== 'object' || item === null) return String(item);
          const entry = item as { loc?: unknown; msg?: unknown; type?: unknown };
          const location = Array.isArray(entry.loc) ? entry.loc.join('.') : '';
          return `${location ? `${location}: ` : ''}${String(entry.msg ?? entry.type ?? '')}`;
        })
        .join('; ');
    }
  }
  return JSON.stringify(message);
}

/** `finish_reason: "error"` (Mistral, OpenRouter): the provider gave up during generation. */
export function generationFailedError(displayName: string): UpstreamError {
  return new UpstreamError(`${displayName}: the model stopped with an error during generation`, {
    code: 'upstream_server_error',
    status: 502,
    fault: 'provider',
    retryable: true,
    providerCode: 'error',
  });
}
