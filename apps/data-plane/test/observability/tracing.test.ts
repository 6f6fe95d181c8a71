import { createServer, type Server } from 'node:http';
import OpenAI from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  SnapshotBuilder,
  createTestKeyRing,
  startMockProvider,
  type MockProvider,
} from '@switchyard/testkit';
import { startTestGateway, type TestGateway } from '../support/start-test-gateway.js';

interface OtlpAttribute {
  key: string;
  value: { stringValue?: string; intValue?: string | number };
}
interface OtlpSpan {
  traceId: string;
  spanId: string;
  parentSpanId?: string;
  name: string;
  attributes: OtlpAttribute[];
}

/** A minimal OTLP/HTTP JSON receiver: collects every exported span. */
async function startCollector(): Promise<{ url: string; spans: OtlpSpan[]; server: Server }> {
  const spans: OtlpSpan[] = [];
  const server = createServer((request, response) => {
    let body = '';
    request.on('data', (data: Buffer) => (body += data.toString()));
    request.on('end', () => {
      const payload = JSON.parse(body) as {
        resourceSpans: { scopeSpans: { spans: OtlpSpan[] }[] }[];
      };
      for (const resource of payload.resourceSpans)
        for (const scope of resource.scopeSpans) spans.push(...scope.spans);
      response.writeHead(200, { 'content-type': 'application/json' }).end('{}');
    });
  });
  await new Promise<void>((resolveListen) => server.listen(0, '127.0.0.1', resolveListen));
  return { url: `http://127.0.0.1:${(server.address() as { port: number }).port}`, spans, server };
}

const attribute = (span: OtlpSpan, key: string) => {
  const value = span.attributes.find((entry) => entry.key === key)?.value;
  return value?.stringValue ?? (value?.intValue === undefined ? undefined : String(value.intValue));
};

describe('OpenTelemetry tracing', () => {
  let collector: Awaited<ReturnType<typeof startCollector>>;
  let mock: MockProvider;
  let gateway: TestGateway;
  let client: OpenAI;

  beforeAll(async () => {
    collector = await startCollector();
    mock = await startMockProvider({ scenario: { kind: 'text', text: 'traced' } });
    const { ring, text } = createTestKeyRing();
    const builder = new SnapshotBuilder(ring);
    const account = builder.providerAccount({
      providerType: 'openai',
      baseUrl: `${mock.url}/v1`,
      keys: ['sk'],
    });
    const model = builder.model({ canonicalId: 'gpt-traced', providerType: 'openai' });
    builder.deployment(model, account, { name: 'traced-primary' });
    const key = builder.apiKey(builder.tenant()).key;
    gateway = await startTestGateway(builder.build(), text, {
      OTEL_EXPORTER_OTLP_ENDPOINT: collector.url,
    });
    client = new OpenAI({ baseURL: gateway.baseUrl, apiKey: key, maxRetries: 0 });
  });

  afterAll(async () => {
    await gateway?.close();
    await mock?.close();
    collector?.server.close();
  });

  it("exports a request span and one span per upstream attempt, continuing the caller's trace", async () => {
    const traceId = '4bf92f3577b34da6a3ce929d0e0e4736';
    const callerSpanId = '00f067aa0ba902b7';
    mock.setFaults({ status: 500, times: 1 });
    const { response } = await client.chat.completions
      .create(
        { model: 'gpt-traced', messages: [{ role: 'user', content: 'trace me' }] },
        { headers: { traceparent: `00-${traceId}-${callerSpanId}-01` } },
      )
      .withResponse();
    const requestId = response.headers.get('x-request-id')!;
    expect(response.headers.get('x-switchyard-attempts')).toBe('2');

    // The provider got the trace context of its own attempt span.
    const forwarded = mock.requests
      .slice(-2)
      .map((request) => request.headers.traceparent as string);
    for (const header of forwarded)
      expect(header).toMatch(new RegExp(`^00-${traceId}-[0-9a-f]{16}-01$`));

    let spans: OtlpSpan[] = [];
    for (let attempt = 0; attempt < 50; attempt++) {
      spans = collector.spans.filter(
        (span) => attribute(span, 'switchyard.request_id') === requestId,
      );
      if (spans.length >= 3) break;
      await new Promise((resolveWait) => setTimeout(resolveWait, 100));
    }
    const requestSpan = spans.find((span) => span.name === 'gateway chat');
    const attemptSpans = spans.filter((span) => span.name === 'upstream openai');
    expect(requestSpan?.traceId).toBe(traceId);
    expect(requestSpan?.parentSpanId).toBe(callerSpanId);
    expect(attribute(requestSpan!, 'switchyard.provider')).toBe('openai');
    expect(attemptSpans.map((span) => attribute(span, 'switchyard.attempt')).sort()).toEqual([
      '1',
      '2',
    ]);
    for (const span of attemptSpans) expect(span.parentSpanId).toBe(requestSpan?.spanId);
    expect(forwarded.map((header) => header.split('-')[2]).sort()).toEqual(
      attemptSpans.map((span) => span.spanId).sort(),
    );
  });
});
