import { isGatewayError } from '@switchyard/errors';
import type { GatewayDeps } from '../chat/gateway-deps.js';
import type { RequestContext } from '../chat/request-context.js';
import { buildUsageEvent } from './build-usage-event.js';
import { endRequestSpan } from '../telemetry/request-tracing.js';
import { capturedPayload } from './payload-capture.js';
import { redactPayload } from './redact-payload.js';

/** Emits the request's usage event and its log line; never throws into the request path. */
export function recordOutcome(
  deps: GatewayDeps,
  context: RequestContext,
  status: number,
  failure: unknown,
  requestedModel: string,
): void {
  try {
    const errorCode =
      failure === undefined
        ? undefined
        : isGatewayError(failure)
          ? failure.code
          : 'gateway_internal_error';
    const finalStatus =
      failure !== undefined && isGatewayError(failure) && status === 200 && !context.stream
        ? failure.status
        : status;
    const event = buildUsageEvent(context, finalStatus, errorCode, requestedModel);
    const payload = capturedPayload(context);
    if (payload)
      event.payload = redactPayload(payload, deps.redactionPatterns) as typeof event.payload;
    if (deps.admission) {
      event.budgetIds = deps.admission.budgetIds(context);
      const served = context.served;
      deps.admission.settle(
        context,
        served?.costNanoUsd ?? 0n,
        served ? served.usage.inputTokens + served.usage.outputTokens : 0,
      );
    }
    deps.usage.emit(event);
    deps.metrics?.observeRequest(event);
    endRequestSpan(context, event);
    deps.logRequest?.(event);
  } catch (error) {
    deps.logger.error({ err: error, requestId: context.requestId }, 'failed to record usage');
  }
}
