import { randomUUID } from 'node:crypto';
import { createServer } from 'node:http';
import { Queue } from 'bullmq';
import { afterAll, describe, expect, it } from 'vitest';
import {
  usageBatchJobName,
  usageBatchJobOptions,
  usageQueueName,
  usageQueuePrefix,
} from '@switchyard/usage';
import { startWorker } from '../src/start-worker.js';
import {
  deploymentPrefix,
  redisConnection,
  testWorkerConfig,
  waitFor,
} from './helpers/alert-fixtures.js';
import { makeEvents, uniqueTenantId } from './helpers/usage-totals.js';

interface ExportedSpan {
  name: string;
  attributes: {
    key: string;
    value: { stringValue?: string; arrayValue?: { values: { stringValue?: string }[] } };
  }[];
}

describe('worker tracing', () => {
  const spans: ExportedSpan[] = [];
  const collector = createServer((request, response) => {
    let body = '';
    request.on('data', (data: Buffer) => (body += data.toString()));
    request.on('end', () => {
      const payload = JSON.parse(body) as {
        resourceSpans: { scopeSpans: { spans: ExportedSpan[] }[] }[];
      };
      for (const resource of payload.resourceSpans)
        for (const scope of resource.scopeSpans) spans.push(...scope.spans);
      response.writeHead(200).end('{}');
    });
  });

  afterAll(() => new Promise<void>((resolveClose) => collector.close(() => resolveClose())));

  it('exports one span per usage batch carrying its request ids', async () => {
    await new Promise<void>((resolveListen) => collector.listen(0, '127.0.0.1', resolveListen));
    const endpoint = `http://127.0.0.1:${(collector.address() as { port: number }).port}`;
    const prefix = deploymentPrefix();
    const worker = await startWorker(
      testWorkerConfig(prefix, { OTEL_EXPORTER_OTLP_ENDPOINT: endpoint }),
    );
    const queue = new Queue(usageQueueName, {
      connection: redisConnection(),
      prefix: usageQueuePrefix(prefix),
    });
    try {
      const events = makeEvents({ tenantId: uniqueTenantId(), count: 3 });
      const batchId = randomUUID();
      await queue.add(usageBatchJobName, { batchId, events }, usageBatchJobOptions(batchId));
      await waitFor(
        'the batch span',
        () => spans.some((span) => span.name === 'worker usage-batch'),
        10_000,
      );
      const span = spans.find((candidate) => candidate.name === 'worker usage-batch')!;
      const ids = span.attributes
        .find((attribute) => attribute.key === 'switchyard.request_ids')
        ?.value.arrayValue?.values.map((value) => value.stringValue);
      expect(ids).toEqual(events.map((event) => event.requestId));
    } finally {
      await queue.close();
      await worker.close();
    }
  });
});
