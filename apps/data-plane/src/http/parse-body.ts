import { InvalidRequestError } from '@switchyard/errors';
import type { z } from 'zod';

/** Validates a request body; the 400 names the first offending field and what was expected. */
export function parseBody<Schema extends z.ZodType>(
  schema: Schema,
  body: unknown,
): z.infer<Schema> {
  if (body === undefined || body === null || typeof body !== 'object' || Array.isArray(body)) {
    throw new InvalidRequestError('The request body must be a JSON object.', {
      code: 'invalid_json',
    });
  }
  const result = schema.safeParse(body);
  if (result.success) return result.data;
  const issue = result.error.issues[0]!;
  const param = issue.path
    .map((part, index) =>
      typeof part === 'number' ? `[${part}]` : `${index ? '.' : ''}${String(part)}`,
    )
    .join('');
  throw new InvalidRequestError(`Invalid value for '${param || 'body'}': ${issue.message}.`, {
    param: param || undefined,
  });
}
