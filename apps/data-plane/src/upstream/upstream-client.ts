import { Agent, errors as undiciErrors, type Dispatcher } from 'undici';
import { UpstreamError } from '@switchyard/errors';
import type { UpstreamHttpRequest } from '@switchyard/providers';
import type { AbortSignalLike } from '../http/request-abort.js';

/** Per-attempt time limits; each breach is its own error class so failover can tell them apart. */
export interface AttemptTimeouts {
  connectTimeoutMs: number;
  /** Until response headers arrive (non-streaming: the whole answer is usually this). */
  headersTimeoutMs: number;
  /** Longest silence between body chunks. */
  bodyTimeoutMs: number;
}

export interface UpstreamResponse {
  statusCode: number;
  headers: Record<string, string>;
  body: Dispatcher.ResponseData['body'];
}

/**
 * One undici Agent for all providers: it keeps a keep-alive pool per origin, so every provider
 * gets warm connections without a handshake per request. Connect timeouts are set per Agent,
 * hence one Agent per distinct connect timeout (policies rarely use more than one or two).
 */
export class UpstreamClient {
  private readonly agents = new Map<number, Agent>();

  constructor(private readonly connections = 256) {}

  private agentFor(connectTimeoutMs: number): Agent {
    let agent = this.agents.get(connectTimeoutMs);
    if (!agent) {
      agent = new Agent({
        connections: this.connections,
        keepAliveTimeout: 30_000,
        keepAliveMaxTimeout: 600_000,
        connect: { timeout: connectTimeoutMs },
        pipelining: 1,
      });
      this.agents.set(connectTimeoutMs, agent);
    }
    return agent;
  }

  /** Sends one request. Network failures become UpstreamErrors with a precise code. */
  async send(
    http: UpstreamHttpRequest,
    timeouts: AttemptTimeouts,
    signal: AbortSignalLike,
    providerName: string,
  ): Promise<UpstreamResponse> {
    try {
      const response = await this.agentFor(timeouts.connectTimeoutMs).request({
        origin: originOf(http.url),
        path: pathOf(http.url),
        method: http.method,
        headers: http.headers,
        body: http.body ?? null,
        signal: signal as Dispatcher.RequestOptions['signal'],
        headersTimeout: timeouts.headersTimeoutMs,
        bodyTimeout: timeouts.bodyTimeoutMs,
      });
      return {
        statusCode: response.statusCode,
        headers: flattenHeaders(response.headers),
        body: response.body,
      };
    } catch (error) {
      throw toNetworkError(error, providerName, signal);
    }
  }

  /** Connection-pool statistics per origin (for metrics). */
  stats(): { origin: string; connected: number; pending: number; running: number }[] {
    const result: { origin: string; connected: number; pending: number; running: number }[] = [];
    for (const agent of this.agents.values()) {
      for (const [origin, stats] of Object.entries(agent.stats)) {
        const pool = stats as unknown as { connected?: number; pending?: number; running?: number };
        result.push({
          origin,
          connected: pool.connected ?? 0,
          pending: pool.pending ?? 0,
          running: pool.running ?? 0,
        });
      }
    }
    return result;
  }

  async close(): Promise<void> {
    await Promise.all([...this.agents.values()].map((agent) => agent.close()));
  }
}

function originOf(url: string): string {
  const slash = url.indexOf('/', url.indexOf('//') + 2);
  return slash === -1 ? url : url.slice(0, slash);
}

function pathOf(url: string): string {
  const slash = url.indexOf('/', url.indexOf('//') + 2);
  return slash === -1 ? '/' : url.slice(slash);
}

function flattenHeaders(
  headers: Record<string, string | string[] | undefined>,
): Record<string, string> {
  const flat: Record<string, string> = {};
  for (const name in headers) {
    const value = headers[name];
    if (value !== undefined) flat[name] = Array.isArray(value) ? value.join(', ') : value;
  }
  return flat;
}

/** Maps undici/network failures onto the closed failure vocabulary. */
export function toNetworkError(
  error: unknown,
  providerName: string,
  signal?: AbortSignalLike,
): UpstreamError {
  if (error instanceof UpstreamError) return error;
  if (signal?.aborted) {
    return new UpstreamError(`${providerName}: request aborted`, {
      code: 'request_aborted',
      status: 499,
      fault: 'caller',
      cause: error,
    });
  }
  if (error instanceof undiciErrors.ConnectTimeoutError) {
    return new UpstreamError(`${providerName}: connect timeout`, {
      code: 'upstream_connect_timeout',
      status: 504,
      fault: 'provider',
      retryable: true,
      cause: error,
    });
  }
  if (
    error instanceof undiciErrors.HeadersTimeoutError ||
    error instanceof undiciErrors.BodyTimeoutError
  ) {
    return new UpstreamError(`${providerName}: timed out waiting for the provider`, {
      code: 'upstream_timeout',
      status: 504,
      fault: 'provider',
      retryable: true,
      cause: error,
    });
  }
  const message = error instanceof Error ? error.message : String(error);
  return new UpstreamError(`${providerName}: connection failed (${message})`, {
    code: 'upstream_connect_error',
    status: 502,
    fault: 'provider',
    retryable: true,
    cause: error,
  });
}
