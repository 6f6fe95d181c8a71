import { UpstreamError } from '@switchyard/errors';
import type { Failover } from '@switchyard/policy';
import type { ProviderAdapter, UpstreamHttpRequest } from '@switchyard/providers';
import type { RequestContext } from '../chat/request-context.js';
import type { UpstreamClient } from './upstream-client.js';

/**
 * Sends one non-streaming request and returns the parsed JSON body; a non-2xx answer becomes the
 * adapter's mapped error and an unparsable body a retryable provider error.
 */
export async function sendJsonRequest(
  upstream: UpstreamClient,
  adapter: ProviderAdapter,
  http: UpstreamHttpRequest,
  context: RequestContext,
  failover: Failover,
  remainingMs: number,
): Promise<unknown> {
  const sentAt = performance.now();
  const limit = Math.min(failover.totalTimeoutMs, remainingMs);
  const response = await upstream.send(
    http,
    { connectTimeoutMs: failover.connectTimeoutMs, headersTimeoutMs: limit, bodyTimeoutMs: limit },
    context.abort.signal,
    adapter.displayName,
  );
  let text: string;
  try {
    text = await response.body.text();
  } finally {
    context.upstreamMs += performance.now() - sentAt;
  }
  if (response.statusCode >= 300)
    throw adapter.mapError(response.statusCode, response.headers, text);
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw new UpstreamError(`${adapter.displayName}: the provider sent a malformed response body`, {
      code: 'upstream_malformed_response',
      status: 502,
      fault: 'provider',
      retryable: true,
      cause: error,
    });
  }
}
