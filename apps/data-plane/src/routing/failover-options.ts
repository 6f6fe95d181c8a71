import type { GatewayDeps } from '../chat/gateway-deps.js';
import type { RequestContext } from '../chat/request-context.js';
import type { RunWithFailoverOptions } from './run-with-failover.js';
import { attemptTracer } from '../telemetry/request-tracing.js';

/**
 * The failover settings every endpoint runs with (policy, clock, key rotation, breakers,
 * concurrency, the request's attempt log), so chat, embeddings and completions behave alike.
 */
export function failoverOptions(
  deps: GatewayDeps,
  context: RequestContext,
  overrides: Partial<RunWithFailoverOptions> = {},
): RunWithFailoverOptions {
  return {
    failover: context.failover,
    signal: context.abort.signal,
    now: deps.now,
    sleep: deps.sleep,
    keyRotation: deps.keyRotation,
    health: deps.health,
    concurrency: deps.concurrency,
    allowLargerContext: context.route?.allowLargerContext,
    random: deps.random,
    attempts: context.attempts,
    traceAttempt: attemptTracer(deps.tracing, context),
    ...overrides,
  };
}
