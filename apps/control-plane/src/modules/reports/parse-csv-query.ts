import { z } from 'zod';
import { BadUserInputError } from '../../graphql/api-errors.js';
import { parseInput } from '../../graphql/parse-input.js';
import {
  periodSchema,
  usageFilterSchema,
  type ReportPeriodInput,
  type UsageFilterInput,
} from './report.inputs.js';

const instant = z.iso
  .datetime({ offset: true, error: 'must be an ISO 8601 date-time, e.g. 2025-03-01T00:00:00Z' })
  .transform((text) => new Date(text));
const text = z.string().optional();

/** Query string of GET /reports/usage.csv. */
const csvQuerySchema = z.object({
  from: instant,
  to: instant,
  timeZone: text,
  /** Comma-separated (groupBy=TENANT,MODEL) or repeated (groupBy=TENANT&groupBy=MODEL). */
  groupBy: z
    .union([z.string(), z.array(z.string())])
    .optional()
    .transform((value) =>
      (Array.isArray(value) ? value : [value ?? ''])
        .flatMap((entry) => entry.split(','))
        .map((entry) => entry.trim())
        .filter(Boolean),
    ),
  tenantId: text,
  apiKeyId: text,
  model: text,
  provider: text,
  tag: text,
});
const parameterNames = Object.keys(csvQuerySchema.shape);

export interface CsvQuery {
  period: ReportPeriodInput;
  groupBy: string[];
  filter: UsageFilterInput;
}

/** The CSV endpoint's query string in the shape of the GraphQL arguments (validated again there). */
export function parseCsvQuery(query: Record<string, unknown>): CsvQuery {
  // Unknown parameters are refused, so a typo cannot silently widen a report.
  const unknown = Object.keys(query).find((name) => !parameterNames.includes(name));
  if (unknown !== undefined)
    throw BadUserInputError.field(
      unknown,
      `is not a parameter of this endpoint; use ${parameterNames.join(', ')}`,
    );
  const { from, to, timeZone, groupBy, ...filter } = parseInput(csvQuerySchema, query, '');
  // Checked here too so errors name the query parameter (`to`) rather than `period.to`.
  parseInput(periodSchema, { from, to, timeZone }, '');
  parseInput(usageFilterSchema, filter, '');
  return { period: { from, to, timeZone }, groupBy, filter };
}
