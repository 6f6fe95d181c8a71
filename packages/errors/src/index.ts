/**
 * One error hierarchy for every Switchyard process. Each error carries a stable `code`, the HTTP
 * status it maps to at the edge, whether a retry could help, and which side is at fault — so that
 * failover decisions and client-facing messages are pure functions of the error.
 */

/** Who is at fault: the closed vocabulary used in failover reasons, headers and usage events. */
export type FaultSide = 'caller' | 'policy' | 'provider' | 'gateway';

export interface GatewayErrorOptions {
  /** Machine-readable, stable code, e.g. `invalid_request`, `upstream_rate_limited`. */
  code: string;
  status: number;
  fault: FaultSide;
  retryable?: boolean;
  /** Name of the offending request parameter, when there is one. */
  param?: string;
  /** Milliseconds the caller (or the gateway) should wait before retrying. */
  retryAfterMs?: number;
  cause?: unknown;
  /** Extra structured detail returned to the caller (never secrets). */
  details?: Record<string, unknown>;
  /** Response headers the caller should get with this error (e.g. `x-ratelimit-*`). */
  headers?: Record<string, string>;
}

/** Base class of every error Switchyard raises on purpose. */
export class GatewayError extends Error {
  readonly code: string;
  readonly status: number;
  readonly fault: FaultSide;
  readonly retryable: boolean;
  readonly param: string | undefined;
  readonly retryAfterMs: number | undefined;
  readonly details: Record<string, unknown> | undefined;
  readonly headers: Record<string, string> | undefined;

  constructor(message: string, options: GatewayErrorOptions) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = new.target.name;
    this.code = options.code;
    this.status = options.status;
    this.fault = options.fault;
    this.retryable = options.retryable ?? false;
    this.param = options.param;
    this.retryAfterMs = options.retryAfterMs;
    this.details = options.details;
    this.headers = options.headers;
  }
}

/** The caller sent something we cannot accept (400-class). */
export class InvalidRequestError extends GatewayError {
  constructor(message: string, options: Partial<GatewayErrorOptions> = {}) {
    super(message, { code: 'invalid_request', status: 400, fault: 'caller', ...options });
  }
}

/** A parameter the chosen target cannot honour, and the policy does not allow dropping it. */
export class UnsupportedParameterError extends GatewayError {
  constructor(param: string, target: string, hint?: string) {
    super(
      `Parameter '${param}' is not supported by ${target}${hint ? ` (${hint})` : ''}. Remove it, or allow dropping unsupported parameters in the tenant policy.`,
      { code: 'unsupported_parameter', status: 400, fault: 'caller', param },
    );
  }
}

export class AuthenticationError extends GatewayError {
  constructor(message: string, code = 'invalid_api_key') {
    super(message, { code, status: 401, fault: 'caller' });
  }
}

export class PermissionDeniedError extends GatewayError {
  constructor(message: string, code = 'permission_denied', details?: Record<string, unknown>) {
    super(message, { code, status: 403, fault: 'policy', details });
  }
}

export class NotFoundError extends GatewayError {
  constructor(message: string, code = 'not_found', param?: string) {
    super(message, { code, status: 404, fault: 'caller', param });
  }
}

/** A provider answered with an error, or could not be reached. */
export class UpstreamError extends GatewayError {
  /** The provider's own error type/code string, when it gave one. */
  readonly providerCode: string | undefined;
  constructor(
    message: string,
    options: GatewayErrorOptions & { providerCode?: string | undefined },
  ) {
    super(message, options);
    this.providerCode = options.providerCode;
  }
}

/** Type guard that also narrows unknown thrown values. */
export function isGatewayError(error: unknown): error is GatewayError {
  return error instanceof GatewayError;
}
