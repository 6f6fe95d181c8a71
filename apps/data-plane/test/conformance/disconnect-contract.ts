import { expect, vi } from 'vitest';
import type { AdapterDescriptor } from './support/adapter-descriptors.js';
import type { HarnessAccess } from './support/conformance-harness.js';
import { contractTest } from './support/conformance-report.js';

/**
 * A client that goes away mid-stream must not keep the provider generating (and billing): the
 * gateway aborts its upstream request at once. The mock paces its chunks so the upstream
 * response is provably still in flight when the client aborts, then must see the connection close.
 */
export function defineDisconnectContract(adapter: AdapterDescriptor, harness: HarnessAccess): void {
  contractTest(
    adapter,
    'client-disconnect',
    'aborts the upstream request when the client disconnects mid-stream',
    async () => {
      const { mock, openai } = harness();
      mock.setScenario({
        kind: 'text',
        text: 'one two three four five six seven eight nine ten eleven twelve',
      });
      mock.setFaults({ chunkDelayMs: 100, dialect: adapter.family.dialect });
      const controller = new AbortController();
      const stream = await openai().chat.completions.create(
        {
          model: adapter.model,
          messages: [{ role: 'user', content: 'Count to twelve' }],
          stream: true,
        },
        { signal: controller.signal },
      );
      const received: string[] = [];
      for await (const chunk of stream) {
        received.push(chunk.choices[0]?.delta.content ?? '');
        if (received.join('') !== '') break;
      }
      const [upstream] = harness().chatRequests(adapter);
      expect(upstream?.closedEarly).toBeUndefined();
      controller.abort();
      await vi.waitFor(() => expect(upstream?.closedEarly).toBe(true), {
        timeout: 5_000,
        interval: 10,
      });
      expect(mock.requests).toHaveLength(1);
    },
  );
}
