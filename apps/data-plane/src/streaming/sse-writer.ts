import { once } from 'node:events';
import type { ServerResponse } from 'node:http';

const sseHeaders = {
  'content-type': 'text/event-stream; charset=utf-8',
  'cache-control': 'no-cache, no-transform',
  'x-accel-buffering': 'no',
  connection: 'keep-alive',
};

/**
 * Writes server-sent events straight to the socket: headers once, then each batch of events in
 * one write, waiting for `drain` when the client reads slower than the provider writes, so a slow
 * client slows the upstream read instead of growing our memory.
 */
export class SseWriter {
  constructor(private readonly response: ServerResponse) {}

  get closed(): boolean {
    return this.response.destroyed || this.response.writableEnded;
  }

  start(status: number, headers: Record<string, string>): void {
    this.response.socket?.setNoDelay(true);
    this.response.writeHead(status, { ...sseHeaders, ...headers });
  }

  async write(text: string): Promise<void> {
    if (text.length === 0 || this.closed) return;
    if (!this.response.write(text)) {
      await Promise.race([once(this.response, 'drain'), once(this.response, 'close')]);
    }
  }

  end(text = ''): void {
    if (this.closed) return;
    this.response.end(text);
  }
}
