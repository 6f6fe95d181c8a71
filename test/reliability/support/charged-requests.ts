/**
 * Clients of the gateway that remember what they were charged: the request id and cost of
 * every successful request, from the `x-switchyard-cost-nano-usd` header (non-streaming) or
 * the final usage chunk's `cost_nano_usd` (streaming).
 */
export interface ChargedRequest {
  requestId: string;
  costNanoUsd: bigint;
  stream: boolean;
}

export interface FailedRequest {
  status: number;
  body: string;
}

export interface LoadResult {
  charged: ChargedRequest[];
  failed: FailedRequest[];
}

interface UsageChunk {
  usage?: { cost_nano_usd?: string } | null;
}

/** The cost carried by the final usage chunk of an OpenAI-style SSE stream. */
export function streamedCost(text: string): bigint | undefined {
  let cost: bigint | undefined;
  for (const event of text.split('\n\n')) {
    const data = event.startsWith('data: ') ? event.slice(6).trim() : '';
    if (!data || data === '[DONE]') continue;
    const chunk = JSON.parse(data) as UsageChunk;
    if (chunk.usage?.cost_nano_usd !== undefined) cost = BigInt(chunk.usage.cost_nano_usd);
  }
  return cost;
}

/** Sends one chat completion and records what the client saw. */
export async function sendChargedRequest(
  baseUrl: string,
  apiKey: string,
  model: string,
  stream: boolean,
  result: LoadResult,
): Promise<void> {
  let response: Response;
  try {
    response = await fetch(`${baseUrl}/chat/completions`, {
      method: 'POST',
      headers: { authorization: `Bearer ${apiKey}`, 'content-type': 'application/json' },
      body: JSON.stringify({
        model,
        max_tokens: 100,
        messages: [{ role: 'user', content: 'hello' }],
        ...(stream ? { stream: true, stream_options: { include_usage: true } } : {}),
      }),
    });
  } catch (error) {
    result.failed.push({ status: 0, body: String(error) });
    return;
  }
  const text = await response.text();
  const requestId = response.headers.get('x-request-id');
  const cost = stream
    ? streamedCost(text)
    : BigInt(response.headers.get('x-switchyard-cost-nano-usd') ?? '-1');
  // A stream that broke off ends with an error event and no usage chunk: not a success.
  if (response.status !== 200 || !requestId || cost === undefined || cost < 0n) {
    result.failed.push({ status: response.status, body: text.slice(0, 500) });
    return;
  }
  result.charged.push({ requestId, costNanoUsd: cost, stream });
}

/**
 * `concurrency` clients sending back to back, alternating models and streaming, until
 * `stop()` says so; `onProgress` runs after every response.
 */
export async function runLoad(options: {
  baseUrl: string;
  apiKey: string;
  models: string[];
  concurrency: number;
  stop: () => boolean;
  onProgress: (result: LoadResult) => Promise<void> | void;
}): Promise<LoadResult> {
  const result: LoadResult = { charged: [], failed: [] };
  let sequence = 0;
  await Promise.all(
    Array.from({ length: options.concurrency }, async () => {
      while (!options.stop()) {
        const index = sequence++;
        const model = options.models[index % options.models.length]!;
        await sendChargedRequest(options.baseUrl, options.apiKey, model, index % 3 === 0, result);
        await options.onProgress(result);
      }
    }),
  );
  return result;
}
