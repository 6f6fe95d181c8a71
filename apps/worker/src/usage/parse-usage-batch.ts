import { usageBatchSchema, usageEventSchema, type UsageEvent } from '@switchyard/usage';

/** An event that failed the usage-event schema: a producer bug, never retried. */
export interface InvalidUsageEvent {
  index: number;
  requestId: string | undefined;
  issues: string[];
}

export interface ParsedUsageBatch {
  batchId: string;
  /** Valid events, one per request id (the first occurrence wins). */
  events: UsageEvent[];
  invalid: InvalidUsageEvent[];
  /** Events repeating a request id already present earlier in the same batch. */
  repeatedInBatch: number;
}

/** The job payload is not a usage batch at all; retrying cannot fix it. */
export class InvalidUsageBatchError extends Error {
  constructor(readonly issues: string[]) {
    super(`invalid usage batch: ${issues.join('; ')}`);
    this.name = 'InvalidUsageBatchError';
  }
}

function describeIssues(issues: ReadonlyArray<{ path: PropertyKey[]; message: string }>): string[] {
  return issues.map((issue) => `${issue.path.map(String).join('.') || '(root)'}: ${issue.message}`);
}

function requestIdOf(value: unknown): string | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const requestId = (value as { requestId?: unknown }).requestId;
  return typeof requestId === 'string' ? requestId : undefined;
}

/** Validates a job payload event by event, so one bad event does not sink its batch. */
export function parseUsageBatch(data: unknown): ParsedUsageBatch {
  const envelope = usageBatchSchema.safeParse(data);
  if (!envelope.success) throw new InvalidUsageBatchError(describeIssues(envelope.error.issues));

  const events: UsageEvent[] = [];
  const invalid: InvalidUsageEvent[] = [];
  const seen = new Set<string>();
  let repeatedInBatch = 0;
  envelope.data.events.forEach((raw, index) => {
    const parsed = usageEventSchema.safeParse(raw);
    if (!parsed.success) {
      invalid.push({
        index,
        requestId: requestIdOf(raw),
        issues: describeIssues(parsed.error.issues),
      });
      return;
    }
    if (seen.has(parsed.data.requestId)) {
      repeatedInBatch += 1;
      return;
    }
    seen.add(parsed.data.requestId);
    events.push(parsed.data);
  });
  return { batchId: envelope.data.batchId, events, invalid, repeatedInBatch };
}
