import { SpanKind, SpanStatusCode, trace, type Span, type Tracing } from '@switchyard/telemetry';
import type { UpstreamHttpRequest, ProviderAdapter } from '@switchyard/providers';
import type { UsageEventInput } from '@switchyard/usage';
import type { RequestContext } from '../chat/request-context.js';
import type { AttemptTrace } from '../routing/run-with-failover.js';
import type { CompiledDeployment } from '../snapshot/compiled-snapshot.js';

const requestSpans = new WeakMap<RequestContext, Span>();

/** Opens the request's span (child of the caller's W3C trace context, if it sent one). */
export function startRequestSpan(
  tracing: Tracing | undefined,
  context: RequestContext,
  headers: Readonly<Record<string, string | string[] | undefined>>,
  route: string,
): void {
  if (!tracing?.enabled) return;
  const span = tracing.tracer.startSpan(
    `gateway ${route}`,
    {
      kind: SpanKind.SERVER,
      attributes: {
        'switchyard.request_id': context.requestId,
        'switchyard.tenant_id': context.caller.tenant.tenant.id,
        'switchyard.api_key_id': context.caller.key.id,
        'http.route': route,
      },
    },
    tracing.extract(headers),
  );
  requestSpans.set(context, span);
}

/** Closes the request's span with what the usage event says happened. */
export function endRequestSpan(context: RequestContext, event: UsageEventInput): void {
  const span = requestSpans.get(context);
  if (!span) return;
  requestSpans.delete(context);
  span.setAttributes({
    'http.response.status_code': event.status,
    'switchyard.requested_model': event.requestedModel,
    'switchyard.attempts': event.attempts?.length ?? 0,
    'switchyard.cost_nano_usd': event.costNanoUsd,
    ...(event.provider ? { 'switchyard.provider': event.provider } : {}),
    ...(event.servedModel ? { 'switchyard.served_model': event.servedModel } : {}),
    ...(event.deploymentId ? { 'switchyard.deployment_id': event.deploymentId } : {}),
    ...(event.routeRule ? { 'switchyard.route_rule': event.routeRule } : {}),
  });
  if (event.status >= 400)
    span.setStatus({
      code: SpanStatusCode.ERROR,
      message: event.errorCode ?? String(event.status),
    });
  span.end();
}

/** Span factory for each provider call of a traced request (undefined when not traced). */
export function attemptTracer(
  tracing: Tracing | undefined,
  context: RequestContext,
): ((candidate: CompiledDeployment, attemptNumber: number) => AttemptTrace) | undefined {
  const parent = requestSpans.get(context);
  if (!tracing?.enabled || !parent) return undefined;
  return (candidate, attemptNumber) => {
    const span = tracing.tracer.startSpan(
      `upstream ${candidate.account.providerType}`,
      {
        kind: SpanKind.CLIENT,
        attributes: {
          'switchyard.request_id': context.requestId,
          'switchyard.attempt': attemptNumber,
          'switchyard.deployment_id': candidate.deployment.id,
          'switchyard.provider': candidate.account.providerType,
          'switchyard.provider_model': candidate.model.providerModelId,
        },
      },
      trace.setSpan(tracing.extract({}), parent),
    );
    const headers: Record<string, string> = {};
    tracing.inject(span, headers);
    return {
      headers,
      end(status, code) {
        span.setAttribute('http.response.status_code', status);
        if (code) span.setStatus({ code: SpanStatusCode.ERROR, message: code });
        span.end();
      },
    };
  };
}

/** Adds the attempt's trace headers to an upstream request when the provider accepts them. */
export function withTraceHeaders(
  http: UpstreamHttpRequest,
  adapter: ProviderAdapter,
  traceHeaders: Record<string, string>,
): UpstreamHttpRequest {
  if (!adapter.acceptsTraceContext || !('traceparent' in traceHeaders)) return http;
  return { ...http, headers: { ...http.headers, ...traceHeaders } };
}
