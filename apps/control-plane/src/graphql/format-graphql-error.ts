import type {
  ExecutionResult,
  GraphQLError as GraphQLErrorType,
  GraphQLFormattedError,
} from 'graphql';
import { GraphQLError } from './graphql-runtime.js';
import type { MercuriusContext } from 'mercurius';
import type { Logger } from 'pino';
import { ApiError, type GraphqlErrorCode } from './api-errors.js';
import { describeUniqueViolation } from './describe-unique-violation.js';

interface FormattedResult {
  statusCode: number;
  response: { data: ExecutionResult['data'] | null; errors: GraphQLFormattedError[] };
}

/** Mercurius wraps query-validation failures in one error that carries the real ones. */
function flatten(error: GraphQLErrorType): GraphQLErrorType[] {
  const inner = (error.originalError as { errors?: unknown } | undefined)?.errors;
  if (Array.isArray(inner)) {
    return inner.map((item) =>
      item instanceof GraphQLError
        ? item
        : new GraphQLError(String((item as Error).message ?? item)),
    );
  }
  return [error];
}

function withCode(
  error: GraphQLErrorType,
  message: string,
  code: GraphqlErrorCode | 'GRAPHQL_VALIDATION_FAILED',
  extra: Record<string, unknown> = {},
): GraphQLFormattedError {
  return {
    message,
    ...(error.locations ? { locations: error.locations } : {}),
    ...(error.path ? { path: error.path } : {}),
    extensions: { ...extra, code },
  };
}

/**
 * Gives every error a machine-readable `extensions.code`. Our own ApiErrors keep their message;
 * unique-constraint violations become CONFLICT; anything unexpected is logged and hidden behind a
 * generic message so internals (SQL, stack traces, secrets) never reach the caller.
 */
export function createErrorFormatter(logger: Logger) {
  return function formatGraphqlErrors(
    execution: ExecutionResult & Required<Pick<ExecutionResult, 'errors'>>,
    _context: MercuriusContext,
  ): FormattedResult {
    let malformedRequest = false;
    const errors = execution.errors.flatMap(flatten).map((error): GraphQLFormattedError => {
      const original = error.originalError;
      if (original instanceof ApiError) {
        return withCode(error, original.message, original.graphqlCode, original.details ?? {});
      }
      const conflict = original ? describeUniqueViolation(original) : undefined;
      if (conflict) return withCode(error, conflict.message, 'CONFLICT', { field: conflict.field });
      if (!original || original instanceof GraphQLError) {
        // graphql-js rejected the document or its variables: the caller can fix it.
        const code = error.message.startsWith('Variable "')
          ? 'BAD_USER_INPUT'
          : 'GRAPHQL_VALIDATION_FAILED';
        return withCode(error, error.message, code);
      }
      const httpStatus = (original as { statusCode?: unknown }).statusCode;
      if (typeof httpStatus === 'number' && httpStatus >= 400 && httpStatus < 500) {
        // Fastify refused the request itself (malformed JSON body, wrong content type): the
        // caller's mistake, reported with Fastify's own explanation.
        malformedRequest = true;
        return withCode(error, `Malformed request: ${original.message}`, 'BAD_USER_INPUT');
      }
      logger.error({ err: original, path: error.path }, 'unexpected error in GraphQL resolver');
      return withCode(
        error,
        'Internal server error; the details are in the control-plane log.',
        'INTERNAL_SERVER_ERROR',
      );
    });
    const executionStatus = (execution as { statusCode?: number }).statusCode;
    const statusCode = malformedRequest
      ? 400
      : !execution.data && executionStatus !== undefined
        ? executionStatus
        : 200;
    return { statusCode, response: { data: execution.data ?? null, errors } };
  };
}
