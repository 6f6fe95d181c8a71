export * from './start-tracing.js';
export { SpanKind, SpanStatusCode, trace, type Context, type Span } from '@opentelemetry/api';
