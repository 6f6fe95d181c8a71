import { isGatewayError } from '@switchyard/errors';

export interface FormattedError {
  status: number;
  body: {
    error: {
      message: string;
      type: string;
      param: string | null;
      code: string | null;
      [extra: string]: unknown;
    };
  };
  retryAfterSeconds: number | undefined;
}

/** Maps any thrown value to OpenAI's error JSON and status (the dialect of /v1/chat/…). */
export function formatOpenAiError(error: unknown): FormattedError {
  if (!isGatewayError(error)) {
    return {
      status: 500,
      body: {
        error: {
          message: 'Internal gateway error.',
          type: 'server_error',
          param: null,
          code: 'gateway_internal_error',
        },
      },
      retryAfterSeconds: undefined,
    };
  }
  const extra: Record<string, unknown> = {};
  if (error.details) Object.assign(extra, error.details);
  extra.fault = error.fault;
  return {
    status: error.status,
    body: {
      error: {
        message: error.message,
        type: openAiErrorType(error.status),
        param: error.param ?? null,
        code: error.code,
        ...extra,
      },
    },
    retryAfterSeconds:
      error.retryAfterMs === undefined
        ? undefined
        : Math.max(1, Math.ceil(error.retryAfterMs / 1000)),
  };
}

function openAiErrorType(status: number): string {
  if (status === 401) return 'authentication_error';
  if (status === 403) return 'permission_error';
  if (status === 404) return 'not_found_error';
  if (status === 429) return 'rate_limit_error';
  if (status >= 500) return 'server_error';
  return 'invalid_request_error';
}
