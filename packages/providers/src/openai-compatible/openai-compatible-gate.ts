import type { UnsupportedParameterMode } from '../spec/adapter.js';
import { gateParameters, gateValue } from '../spec/parameter-gate.js';

/**
 * One request's gate: every refusal names the parameter (400), every drop is recorded so the data
 * plane can surface it in a header. Wraps the spec's `gateParameters`/`gateValue` with the target
 * name and mode bound, and de-duplicates drops (`messages[].name` may hit several messages).
 */
export interface RequestGate {
  readonly targetName: string;
  /** Refuses or drops every top-level field set in `request` that is not in `supported`. */
  parameters(request: Readonly<Record<string, unknown>>, supported: ReadonlySet<string>): void;
  /** Returns true when `allowed`; otherwise throws (reject) or records the drop and returns false. */
  allow(param: string, allowed: boolean, hint?: string): boolean;
  /** Refuses regardless of mode, for things that cannot be dropped (e.g. the `input` itself). */
  refuse(param: string, hint: string): never;
  isDropped(param: string): boolean;
  dropped(): string[];
}

export function createRequestGate(targetName: string, mode: UnsupportedParameterMode): RequestGate {
  const dropped: string[] = [];
  return {
    targetName,
    parameters(request, supported) {
      dropped.push(...gateParameters(request, supported, targetName, mode));
    },
    allow(param, allowed, hint) {
      return gateValue(param, allowed, targetName, mode, dropped, hint);
    },
    refuse(param, hint) {
      gateValue(param, false, targetName, 'reject', dropped, hint);
      throw new Error('unreachable: gateValue rejects');
    },
    isDropped: (param) => dropped.includes(param),
    dropped: () => [...new Set(dropped)],
  };
}
