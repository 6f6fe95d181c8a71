import { z } from 'zod';
import { BadUserInputError } from './api-errors.js';

/**
 * Validates a GraphQL argument with zod; every issue becomes a BAD_USER_INPUT entry whose field
 * is the argument path (`input.baseUrl`), so a client can point at the exact field to fix.
 */
export function parseInput<Schema extends z.ZodType>(
  schema: Schema,
  value: unknown,
  argumentName = 'input',
): z.output<Schema> {
  const result = schema.safeParse(stripNulls(value));
  if (!result.success) throw BadUserInputError.fromZod(result.error, argumentName);
  return result.data;
}

/**
 * GraphQL sends `null` for "not given" as often as clients omit a field; for optional inputs both
 * mean "leave unchanged / use the default". Explicit clearing uses dedicated fields (`clearX`).
 */
function stripNulls(value: unknown): unknown {
  if (value === null || typeof value !== 'object' || Array.isArray(value) || value instanceof Date)
    return value;
  return Object.fromEntries(Object.entries(value).filter(([, item]) => item !== null));
}

/** Reusable field rules with messages that say what to send instead. */
export const fields = {
  name: z.string().trim().min(1, 'must not be empty').max(200, 'must be at most 200 characters'),
  description: z.string().max(2000, 'must be at most 2000 characters'),
  id: z.string().trim().min(1, 'must be an id'),
  label: z.string().trim().min(1, 'must not be empty').max(200, 'must be at most 200 characters'),
  labels: z
    .array(z.string().trim().min(1, 'entries must not be empty').max(200))
    .max(200, 'at most 200 entries'),
  positiveInt: z.number().int().min(1, 'must be at least 1'),
  futureDate: z.date().refine((date) => date.getTime() > Date.now(), 'must be in the future'),
  /** Integer nano-USD as decimal text (GraphQL Int cannot hold it). */
  nanoUsd: z
    .string()
    .regex(
      /^\d{1,19}$/,
      'must be a whole number of nano-USD written as digits, e.g. "400000000" for $0.40',
    )
    .transform((text) => BigInt(text))
    .refine((value) => value <= 9_223_372_036_854_775_807n, 'is too large'),
  httpUrl: z.string().trim().url('must be an absolute http(s) URL').max(2000),
  jsonObject: z.record(z.string(), z.json(), { error: 'must be a JSON object' }),
};
