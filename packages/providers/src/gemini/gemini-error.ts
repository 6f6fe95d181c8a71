import { UpstreamError } from '@switchyard/errors';
import { geminiErrorResponseSchema } from './gemini-api.js';

/**
 * Gemini errors come as a `google.rpc.Status` envelope:
 * `{"error":{"code":429,"message":"…","status":"RESOURCE_EXHAUSTED","details":[…]}}`.
 * Reference §3.6 — note that an invalid API key is a **400** `INVALID_ARGUMENT` with
 * `details[].reason: "API_KEY_INVALID"`, so status alone would blame the caller for our key.
 */

const providerName = 'Gemini';

/** Matches Google's "The input token count (N) exceeds the maximum number of tokens allowed (M)". */
const contextLengthPattern =
  /input token count.*exceeds|exceeds the maximum number of tokens|context (?:length|window)|too many tokens/i;

export function mapGeminiError(
  status: number,
  headers: Readonly<Record<string, string>>,
  body: string,
): UpstreamError {
  const parsed = parseErrorBody(body);
  const message = `${providerName}: ${parsed.message}`;
  const providerCode = parsed.status;
  const base = { providerCode, details: { upstreamStatus: status } };

  const reasons = parsed.reasons;
  if (reasons.includes('API_KEY_INVALID') || reasons.includes('API_KEY_EXPIRED')) {
    return providerFault(message, 'upstream_authentication', 502, base);
  }
  // FAILED_PRECONDITION = billing not enabled / free tier unavailable in the region: the
  // account is unusable, which another key or provider can fix — not the caller's fault.
  if (status === 400 && providerCode === 'FAILED_PRECONDITION') {
    return providerFault(message, 'upstream_authentication', 502, base);
  }
  if (status === 400 && contextLengthPattern.test(parsed.message)) {
    return new UpstreamError(message, {
      code: 'context_length_exceeded',
      status,
      fault: 'caller',
      retryable: false,
      ...base,
    });
  }
  if (status === 401 || status === 403) {
    return providerFault(message, 'upstream_authentication', 502, base);
  }
  if (status === 404) return providerFault(message, 'upstream_not_found', 502, base);
  if (status === 408) return providerFault(message, 'upstream_timeout', 502, base);
  if (status === 504) return providerFault(message, 'upstream_timeout', 504, base);
  if (status === 429) {
    const retryAfterMs = parseRetryAfter(headers) ?? parsed.retryDelayMs;
    return providerFault(message, 'upstream_rate_limited', 429, {
      ...base,
      ...(retryAfterMs === undefined ? {} : { retryAfterMs }),
    });
  }
  if (status === 503) return providerFault(message, 'upstream_overloaded', 503, base);
  if (status >= 500) return providerFault(message, 'upstream_server_error', 502, base);
  return new UpstreamError(message, {
    code: 'upstream_bad_request',
    status: status >= 400 ? status : 502,
    fault: status >= 400 ? 'caller' : 'provider',
    retryable: false,
    ...base,
  });
}

/** Gemini streams have no terminator (reference §3.4): a close without a finishReason is a cut. */
export function geminiStreamTruncatedError(): UpstreamError {
  return new UpstreamError(
    `${providerName}: the stream ended before a candidate reported a finishReason`,
    { code: 'upstream_stream_truncated', status: 502, fault: 'provider', retryable: true },
  );
}

/** A 2xx body we cannot read is the provider's fault, and worth a retry elsewhere. */
export function geminiMalformedResponseError(detail: string): UpstreamError {
  return new UpstreamError(`${providerName}: unexpected response body (${detail})`, {
    code: 'upstream_server_error',
    status: 502,
    fault: 'provider',
    retryable: true,
  });
}

interface ParsedError {
  message: string;
  status: string | undefined;
  reasons: string[];
  retryDelayMs: number | undefined;
}

function parseErrorBody(body: string): ParsedError {
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch {
    return {
      message: body.trim() || 'empty error body',
      status: undefined,
      reasons: [],
      retryDelayMs: undefined,
    };
  }
  const result = geminiErrorResponseSchema.safeParse(json);
  if (!result.success) {
    return { message: body.trim(), status: undefined, reasons: [], retryDelayMs: undefined };
  }
  const error = result.data.error;
  const details = error.details ?? [];
  const reasons = details.flatMap((detail) =>
    typeof detail.reason === 'string' ? [detail.reason] : [],
  );
  // google.rpc.RetryInfo carries `retryDelay: "37s"` ⚠ (reference §3.6).
  const retryDelay = details.find((detail) => typeof detail.retryDelay === 'string')?.retryDelay;
  return {
    message: error.message ?? body.trim(),
    status: error.status,
    reasons,
    retryDelayMs: typeof retryDelay === 'string' ? parseDurationMs(retryDelay) : undefined,
  };
}

function providerFault(
  message: string,
  code: string,
  status: number,
  extra: {
    providerCode: string | undefined;
    details: Record<string, unknown>;
    retryAfterMs?: number;
  },
): UpstreamError {
  return new UpstreamError(message, { code, status, fault: 'provider', retryable: true, ...extra });
}

/** `retry-after` in seconds or as an HTTP date (RFC 9110 §10.2.3). */
function parseRetryAfter(headers: Readonly<Record<string, string>>): number | undefined {
  const value = headerValue(headers, 'retry-after');
  if (value === undefined) return undefined;
  if (/^\d+(\.\d+)?$/.test(value.trim())) return Math.round(Number(value) * 1000);
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - Date.now());
}

/** Protobuf Duration JSON form, e.g. `"37s"` or `"1.5s"`. */
function parseDurationMs(value: string): number | undefined {
  const match = /^(\d+(?:\.\d+)?)s$/.exec(value.trim());
  return match?.[1] === undefined ? undefined : Math.round(Number(match[1]) * 1000);
}

function headerValue(headers: Readonly<Record<string, string>>, name: string): string | undefined {
  for (const key in headers) if (key.toLowerCase() === name) return headers[key];
  return undefined;
}
