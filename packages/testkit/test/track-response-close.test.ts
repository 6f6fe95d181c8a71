import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { startMockProvider, type MockProvider } from '../src/index.js';

let mock: MockProvider;

beforeAll(async () => {
  mock = await startMockProvider();
});
afterAll(() => mock.close());
beforeEach(() => mock.reset());

function chat(signal?: AbortSignal): Promise<Response> {
  return fetch(`${mock.url}/v1/chat/completions`, {
    method: 'POST',
    headers: { authorization: 'Bearer sk-test', 'content-type': 'application/json' },
    body: JSON.stringify({
      model: 'gpt-4.1',
      messages: [{ role: 'user', content: 'hi' }],
      stream: true,
    }),
    signal,
  });
}

describe('RecordedRequest.closedEarly', () => {
  it('is false once a response was written to the end', async () => {
    await (await chat()).text();
    await vi.waitFor(() => expect(mock.requests[0]?.closedEarly).toBe(false));
  });

  it('is undefined while the response is in flight, then true when the client goes away', async () => {
    mock.setFaults({ chunkDelayMs: 200 });
    const controller = new AbortController();
    const response = await chat(controller.signal);
    const reader = response.body!.getReader();
    await reader.read();
    expect(mock.requests[0]?.closedEarly).toBeUndefined();
    controller.abort();
    await vi.waitFor(() => expect(mock.requests[0]?.closedEarly).toBe(true));
  });
});
