import { UpstreamError, type FaultSide } from '@switchyard/errors';
import { anthropicErrorBodySchema, type AnthropicErrorPayload } from './anthropic-api.js';

/**
 * Anthropic errors → `UpstreamError` (reference §2.7). HTTP errors and in-stream `error` events
 * share one classification so a 529 before the first byte and an `overloaded_error` event after
 * it mean the same thing to failover. Caller faults keep the upstream status; provider faults
 * become 502, except 429 (kept, with its wait), 503/529 (→ 503) and 504 (kept).
 */

interface Classification {
  code: string;
  status: number;
  fault: FaultSide;
  retryable: boolean;
}

/** Status Anthropic pairs with each error type, for in-stream errors that carry no HTTP status. */
const statusByErrorType: Readonly<Record<string, number>> = {
  invalid_request_error: 400,
  authentication_error: 401,
  billing_error: 402,
  permission_error: 403,
  not_found_error: 404,
  request_too_large: 413,
  rate_limit_error: 429,
  api_error: 500,
  timeout_error: 504,
  overloaded_error: 529,
};

/**
 * Anthropic reports an over-long prompt as a plain 400 `invalid_request_error`; only the
 * message tells it apart ("prompt is too long: 208000 tokens > 200000 maximum", "input length
 * and `max_tokens` exceed context limit: …").
 */
const contextLengthMessage = /prompt is too long|exceeds? context limit|context window/i;

const provider = (code: string, status: number): Classification => ({
  code,
  status,
  fault: 'provider',
  retryable: true,
});

function classify(status: number, errorType: string | undefined, message: string): Classification {
  // Billing is the operator's account, not the caller's request: another account or provider
  // can still serve it, hence provider fault and retryable (failover moves on).
  if (errorType === 'billing_error' || status === 402)
    return provider('upstream_quota_exceeded', 502);
  if (errorType === 'overloaded_error' || status === 529 || status === 503) {
    return provider('upstream_overloaded', 503);
  }
  if (status === 429) return provider('upstream_rate_limited', 429);
  if (errorType === 'timeout_error' || status === 408 || status === 504) {
    return provider('upstream_timeout', status === 504 ? 504 : 502);
  }
  // A rejected key is our credential's problem; retryable so failover tries the next target.
  if (status === 401 || status === 403) return provider('upstream_authentication', 502);
  if (status === 404) return provider('upstream_not_found', 502);
  if (status >= 400 && status < 500) {
    const code = contextLengthMessage.test(message)
      ? 'context_length_exceeded'
      : 'upstream_bad_request';
    return { code, status, fault: 'caller', retryable: false };
  }
  return provider('upstream_server_error', 502);
}

function header(headers: Readonly<Record<string, string>>, name: string): string | undefined {
  for (const key in headers) if (key.toLowerCase() === name) return headers[key];
  return undefined;
}

/** `retry-after-ms`, else `retry-after` as seconds or an HTTP date (the SDKs' rule, §1.8). */
function retryAfterMs(headers: Readonly<Record<string, string>>): number | undefined {
  const milliseconds = Number(header(headers, 'retry-after-ms'));
  if (Number.isFinite(milliseconds) && milliseconds >= 0) return milliseconds;
  const value = header(headers, 'retry-after');
  if (value === undefined || value.trim() === '') return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return seconds >= 0 ? seconds * 1000 : undefined;
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - Date.now());
}

/** Maps a non-2xx answer from `POST /v1/messages`. */
export function mapAnthropicError(
  status: number,
  headers: Readonly<Record<string, string>>,
  body: string,
): UpstreamError {
  let payload: AnthropicErrorPayload | undefined;
  let requestId: string | undefined = header(headers, 'request-id');
  try {
    const parsed = anthropicErrorBodySchema.safeParse(JSON.parse(body));
    if (parsed.success) {
      payload = parsed.data.error;
      requestId = parsed.data.request_id ?? requestId;
    }
  } catch {
    // Not JSON: e.g. a 413 from Cloudflare in front of the API (§2.7) — keep the raw text.
  }
  const snippet = body.trim().slice(0, 300);
  const message = payload?.message ?? `HTTP ${status}${snippet ? `: ${snippet}` : ''}`;
  const classification = classify(status, payload?.type, message);
  const wait = classification.code === 'upstream_rate_limited' ? retryAfterMs(headers) : undefined;
  return new UpstreamError(`Anthropic: ${message}`, {
    ...classification,
    providerCode: payload?.type,
    ...(wait !== undefined ? { retryAfterMs: wait } : {}),
    details: { upstreamStatus: status, ...(requestId ? { requestId } : {}) },
  });
}

/** Maps an `event: error` received after the 200 (§2.6): the type stands in for the status. */
export function mapAnthropicStreamError(error: AnthropicErrorPayload): UpstreamError {
  const status = statusByErrorType[error.type] ?? 500;
  return new UpstreamError(`Anthropic: ${error.message}`, {
    ...classify(status, error.type, error.message),
    providerCode: error.type,
    details: { inStream: true },
  });
}

/** The byte stream ended before `message_stop`: a cut stream must never look like a clean end. */
export function anthropicStreamTruncatedError(): UpstreamError {
  return new UpstreamError('Anthropic: the stream ended before message_stop', {
    code: 'upstream_stream_truncated',
    status: 502,
    fault: 'provider',
    retryable: true,
  });
}

/** A 2xx body or stream event that does not match the documented shape. */
export function anthropicInvalidResponseError(detail: string, cause?: unknown): UpstreamError {
  return new UpstreamError(`Anthropic: unexpected response shape (${detail})`, {
    code: 'upstream_server_error',
    status: 502,
    fault: 'provider',
    retryable: true,
    cause,
  });
}
