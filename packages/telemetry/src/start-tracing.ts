import {
  context,
  propagation,
  trace,
  type Context,
  type Span,
  type Tracer,
} from '@opentelemetry/api';

export interface Tracing {
  /** True when spans are exported; false means every call below is a cheap no-op. */
  enabled: boolean;
  tracer: Tracer;
  /** Reads a W3C `traceparent` from incoming headers (the caller's trace, if any). */
  extract(headers: Readonly<Record<string, string | string[] | undefined>>): Context;
  /** Writes the span's W3C trace context into outgoing headers. */
  inject(span: Span, headers: Record<string, string>): void;
  shutdown(): Promise<void>;
}

const headerGetter = {
  keys: (carrier: Readonly<Record<string, string | string[] | undefined>>) => Object.keys(carrier),
  get: (carrier: Readonly<Record<string, string | string[] | undefined>>, key: string) =>
    carrier[key],
};

/**
 * OpenTelemetry tracing, off unless an OTLP endpoint is configured (`OTEL_EXPORTER_OTLP_ENDPOINT`
 * or `OTEL_EXPORTER_OTLP_TRACES_ENDPOINT`). Spans are exported over OTLP/HTTP (JSON) in
 * batches, off the request path. Contexts are passed explicitly rather than through async hooks,
 * which keeps the untraced hot path free of AsyncLocalStorage cost. The SDK is only loaded when
 * tracing is on: it is a good part of an idle process's memory.
 */
export async function startTracing(
  serviceName: string,
  environment: NodeJS.ProcessEnv = process.env,
): Promise<Tracing> {
  const tracesEndpoint = environment.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT;
  const baseEndpoint = environment.OTEL_EXPORTER_OTLP_ENDPOINT;
  if (!tracesEndpoint && !baseEndpoint) {
    return {
      enabled: false,
      tracer: trace.getTracer(serviceName),
      extract: () => context.active(),
      inject: () => undefined,
      shutdown: () => Promise.resolve(),
    };
  }
  const url = tracesEndpoint ?? `${baseEndpoint!.replace(/\/$/, '')}/v1/traces`;
  const [{ W3CTraceContextPropagator }, { OTLPTraceExporter }, { resourceFromAttributes }, sdk] =
    await Promise.all([
      import('@opentelemetry/core'),
      import('@opentelemetry/exporter-trace-otlp-http'),
      import('@opentelemetry/resources'),
      import('@opentelemetry/sdk-trace-base'),
    ]);
  const { BasicTracerProvider, BatchSpanProcessor } = sdk;
  const propagator = new W3CTraceContextPropagator();
  const provider = new BasicTracerProvider({
    resource: resourceFromAttributes({
      'service.name': environment.OTEL_SERVICE_NAME ?? serviceName,
    }),
    spanProcessors: [
      new BatchSpanProcessor(new OTLPTraceExporter({ url }), { scheduledDelayMillis: 500 }),
    ],
  });
  propagation.setGlobalPropagator(propagator);
  return {
    enabled: true,
    tracer: provider.getTracer(serviceName),
    extract: (headers) => propagator.extract(context.active(), headers, headerGetter),
    inject: (span, headers) => {
      propagator.inject(trace.setSpan(context.active(), span), headers, {
        set: (carrier, key, value) => {
          carrier[key] = value;
        },
      });
    },
    shutdown: () => provider.shutdown(),
  };
}
