import { GatewayError, UpstreamError } from '@switchyard/errors';
import { bedrockErrorBodySchema } from './bedrock-api.js';

/**
 * Bedrock errors: an HTTP status, the exception name in the `x-amzn-ErrorType` header (it may
 * carry a `:namespace` suffix) and `{"message": "…"}` as the body (reference §4.10). The name is
 * more precise than the status — ModelNotReady arrives as a 429 ⚠ but is an overload, and
 * ServiceQuotaExceeded arrives as a 400 but is a quota, retryable per AWS — so it decides first.
 * https://docs.aws.amazon.com/bedrock/latest/APIReference/API_runtime_Converse.html#API_runtime_Converse_Errors
 */

const providerName = 'Amazon Bedrock';

type ErrorClass = {
  code: string;
  status: number;
  fault: 'caller' | 'provider';
  retryable: boolean;
};

const providerFault = (code: string, status: number): ErrorClass => ({
  code,
  status,
  fault: 'provider',
  retryable: true,
});

const classesByType: Readonly<Record<string, ErrorClass>> = {
  AccessDeniedException: providerFault('upstream_authentication', 502),
  UnrecognizedClientException: providerFault('upstream_authentication', 502),
  InvalidSignatureException: providerFault('upstream_authentication', 502),
  IncompleteSignatureException: providerFault('upstream_authentication', 502),
  ExpiredTokenException: providerFault('upstream_authentication', 502),
  MissingAuthenticationTokenException: providerFault('upstream_authentication', 502),
  ResourceNotFoundException: providerFault('upstream_not_found', 502),
  ModelTimeoutException: providerFault('upstream_timeout', 502),
  ThrottlingException: providerFault('upstream_rate_limited', 429),
  ServiceQuotaExceededException: providerFault('upstream_rate_limited', 429),
  ModelNotReadyException: providerFault('upstream_overloaded', 503),
  ServiceUnavailableException: providerFault('upstream_overloaded', 503),
  InternalServerException: providerFault('upstream_server_error', 502),
  ModelErrorException: providerFault('upstream_server_error', 502),
  ModelStreamErrorException: providerFault('upstream_server_error', 502),
};

/** "Input is too long for requested model." / "prompt is too long: 215000 tokens > 200000 maximum". */
const contextLengthPattern = /too long|context (?:length|window)|too many (?:input )?tokens/i;

export function mapBedrockError(
  status: number,
  headers: Readonly<Record<string, string>>,
  body: string,
): UpstreamError {
  const parsed = parseBody(body);
  const type = errorType(headerValue(headers, 'x-amzn-errortype') ?? parsed.type);
  const retryAfter = headerValue(headers, 'retry-after');
  const retryAfterMs =
    retryAfter !== undefined && /^\d+(\.\d+)?$/.test(retryAfter.trim())
      ? Math.round(Number(retryAfter) * 1000)
      : undefined;
  return createError(type, status, parsed.message, retryAfterMs);
}

/**
 * An exception frame inside ConverseStream (`:exception-type` such as `throttlingException`,
 * payload `{"message":…}`) becomes the same error a non-2xx answer with that type would.
 */
export function mapBedrockStreamException(exceptionType: string, payload: string): UpstreamError {
  const type = exceptionType.charAt(0).toUpperCase() + exceptionType.slice(1);
  const status = type === 'ValidationException' ? 400 : (classesByType[type]?.status ?? 500);
  return createError(type, status, parseBody(payload).message, undefined);
}

/** ConverseStream ends with messageStop then metadata (reference §5); anything less is a cut. */
export function bedrockStreamTruncatedError(detail: string): UpstreamError {
  return new UpstreamError(`${providerName}: the stream ended ${detail}`, {
    code: 'upstream_stream_truncated',
    status: 502,
    fault: 'provider',
    retryable: true,
  });
}

/** A 2xx body or stream frame we cannot read is the provider's fault, worth a retry elsewhere. */
export function bedrockMalformedResponseError(detail: string): UpstreamError {
  return new UpstreamError(`${providerName}: unexpected response (${detail})`, {
    code: 'upstream_server_error',
    status: 502,
    fault: 'provider',
    retryable: true,
  });
}

/** The target lacks something only an operator can supply (region, access key id). */
export function bedrockMisconfiguredError(detail: string): GatewayError {
  return new GatewayError(`${providerName} target is misconfigured: ${detail}`, {
    code: 'provider_misconfigured',
    status: 500,
    fault: 'gateway',
  });
}

function createError(
  type: string | undefined,
  status: number,
  providerMessage: string,
  retryAfterMs: number | undefined,
): UpstreamError {
  const message = `${providerName}: ${providerMessage}`;
  const common = { providerCode: type, details: { upstreamStatus: status } };
  const known = type === undefined ? undefined : classesByType[type];
  if (known) {
    return new UpstreamError(message, {
      ...known,
      ...common,
      ...(known.code === 'upstream_rate_limited' && retryAfterMs !== undefined
        ? { retryAfterMs }
        : {}),
    });
  }
  const callerStatus = status >= 400 && status < 500 && status !== 401 && status !== 403;
  if (callerStatus && ![404, 408, 429].includes(status)) {
    // ValidationException (and unknown 4xx): the request itself is wrong.
    const code = contextLengthPattern.test(providerMessage)
      ? 'context_length_exceeded'
      : 'upstream_bad_request';
    return new UpstreamError(message, {
      code,
      status,
      fault: 'caller',
      retryable: false,
      ...common,
    });
  }
  const byStatus = classifyByStatus(status);
  return new UpstreamError(message, {
    ...byStatus,
    ...common,
    ...(status === 429 && retryAfterMs !== undefined ? { retryAfterMs } : {}),
  });
}

function classifyByStatus(status: number): ErrorClass {
  if (status === 401 || status === 403) return providerFault('upstream_authentication', 502);
  if (status === 404) return providerFault('upstream_not_found', 502);
  if (status === 408) return providerFault('upstream_timeout', 502);
  if (status === 504) return providerFault('upstream_timeout', 504);
  if (status === 429) return providerFault('upstream_rate_limited', 429);
  if (status === 503) return providerFault('upstream_overloaded', 503);
  return providerFault('upstream_server_error', 502);
}

function parseBody(body: string): { message: string; type: string | undefined } {
  try {
    const parsed = bedrockErrorBodySchema.safeParse(JSON.parse(body));
    if (parsed.success) {
      return {
        message: parsed.data.message ?? parsed.data.Message ?? body.trim(),
        type: parsed.data.__type,
      };
    }
  } catch {
    // not JSON: fall through and quote it verbatim
  }
  return { message: body.trim() || 'empty error body', type: undefined };
}

/** `ValidationException:http://internal.amazon.com/…` or `com.amazon#ValidationException` → name. */
function errorType(raw: string | undefined): string | undefined {
  if (raw === undefined || raw.trim() === '') return undefined;
  const name = raw.split(':')[0] ?? raw;
  return name.slice(name.lastIndexOf('#') + 1).trim();
}

function headerValue(headers: Readonly<Record<string, string>>, name: string): string | undefined {
  for (const key in headers) if (key.toLowerCase() === name) return headers[key];
  return undefined;
}
