import type { MockDialect, MockFault, MockFaultRule } from './types.js';

/** Request header that injects a fault into that one request: a JSON {@link MockFault}. */
export const faultHeader = 'x-mock-fault';

interface ActiveRule {
  rule: MockFaultRule;
  remaining: number;
}

/**
 * The fault rules of one mock. The first rule that matches a request applies and is consumed, so
 * `[{status: 500, times: 1}, {status: 429, times: 1}]` answers 500, then 429, then normally.
 */
export class FaultBook {
  private rules: ActiveRule[] = [];

  set(faults: MockFaultRule | MockFaultRule[]): void {
    const list = Array.isArray(faults) ? faults : [faults];
    this.rules = list.map((rule) => ({ rule, remaining: rule.times ?? Number.POSITIVE_INFINITY }));
  }

  clear(): void {
    this.rules = [];
  }

  /** The fault for this request, consuming one use of the matching rule. */
  take(dialect: MockDialect | undefined, path: string): MockFault | undefined {
    const active = this.rules.find(
      ({ rule, remaining }) => remaining > 0 && matches(rule, dialect, path),
    );
    if (active === undefined) return undefined;
    active.remaining -= 1;
    const { times: _times, dialect: _dialect, path: _path, ...fault } = active.rule;
    return fault;
  }
}

function matches(rule: MockFaultRule, dialect: MockDialect | undefined, path: string): boolean {
  if (rule.dialect !== undefined && rule.dialect !== dialect) return false;
  if (rule.path === undefined) return true;
  return typeof rule.path === 'string' ? path.includes(rule.path) : rule.path.test(path);
}

/** Parses the `x-mock-fault` header; throws with a message naming what is wrong. */
export function parseFaultHeader(value: string): MockFault {
  let parsed: unknown;
  try {
    parsed = JSON.parse(value) as unknown;
  } catch {
    throw new Error(`${faultHeader} must be a JSON object, got ${JSON.stringify(value)}`);
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new Error(`${faultHeader} must be a JSON object`);
  }
  return parsed as MockFault;
}

/** Whether the fault needs the body written in more than one piece. */
export function faultTouchesBody(fault: MockFault | undefined): boolean {
  return (
    fault !== undefined &&
    (fault.chunkDelayMs !== undefined ||
      fault.disconnectAfterChunks !== undefined ||
      fault.stallAfterChunks !== undefined)
  );
}
