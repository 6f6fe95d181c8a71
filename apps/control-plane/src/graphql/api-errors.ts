import { GatewayError } from '@switchyard/errors';
import type { z } from 'zod';

/**
 * Errors the admin API raises on purpose. They extend the shared GatewayError hierarchy so every
 * Switchyard process agrees on codes and statuses; the GraphQL error formatter turns `graphqlCode`
 * into `extensions.code` and `details` into the other extensions.
 */
export type GraphqlErrorCode =
  | 'BAD_USER_INPUT'
  | 'UNAUTHENTICATED'
  | 'FORBIDDEN'
  | 'NOT_FOUND'
  | 'CONFLICT'
  | 'INTERNAL_SERVER_ERROR';

/** One problem with one input field, addressed by its path (`input.baseUrl`, `document.rules.0.name`). */
export interface FieldIssue {
  field: string;
  message: string;
}

export abstract class ApiError extends GatewayError {
  abstract readonly graphqlCode: GraphqlErrorCode;
}

export class BadUserInputError extends ApiError {
  readonly graphqlCode = 'BAD_USER_INPUT';
  readonly issues: FieldIssue[];
  constructor(issues: FieldIssue[]) {
    const summary = issues.map((issue) => `${issue.field}: ${issue.message}`).join('; ');
    super(`Invalid input — ${summary}`, {
      code: 'invalid_request',
      status: 400,
      fault: 'caller',
      param: issues[0]?.field,
      details: { field: issues[0]?.field, issues },
    });
    this.issues = issues;
  }

  /** One bad field. */
  static field(field: string, message: string): BadUserInputError {
    return new BadUserInputError([{ field, message }]);
  }

  /** Turns zod issues into field paths under `basePath` (the GraphQL argument name). */
  static fromZod(error: z.ZodError, basePath: string): BadUserInputError {
    return new BadUserInputError(
      error.issues.map((issue) => ({
        field: [basePath, ...issue.path.map(String)].filter(Boolean).join('.'),
        message: issue.message,
      })),
    );
  }
}

export class UnauthenticatedError extends ApiError {
  readonly graphqlCode = 'UNAUTHENTICATED';
  constructor(message: string) {
    super(message, { code: 'unauthenticated', status: 401, fault: 'caller' });
  }
}

export class ForbiddenError extends ApiError {
  readonly graphqlCode = 'FORBIDDEN';
  constructor(message: string) {
    super(message, { code: 'forbidden', status: 403, fault: 'policy' });
  }
}

/** Also used for rows outside the caller's tenant, so guessing ids reveals nothing. */
export class NotFoundError extends ApiError {
  readonly graphqlCode = 'NOT_FOUND';
  constructor(entity: string, id: string) {
    super(`${entity} '${id}' was not found (or you cannot access it).`, {
      code: 'not_found',
      status: 404,
      fault: 'caller',
      details: { entity, id },
    });
  }
}

export class ConflictError extends ApiError {
  readonly graphqlCode = 'CONFLICT';
  constructor(message: string, field?: string) {
    super(message, {
      code: 'conflict',
      status: 409,
      fault: 'caller',
      param: field,
      details: field ? { field } : undefined,
    });
  }
}
