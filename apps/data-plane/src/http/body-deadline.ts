import type { IncomingMessage } from 'node:http';
import type { FastifyInstance } from 'fastify';

/**
 * Closes connections whose request body is still arriving after `timeoutMs` (slowloris). Node's
 * own requestTimeout stops watching once the headers are in, so a client trickling its body one
 * byte at a time would otherwise hold a socket forever. One interval sweeps all pending bodies.
 * The per-request cost is a map insert and delete and no listeners: the JSON body parser, which
 * runs once the whole body is in, ends the watch; bodies that never reach it (refused or
 * aborted) are dropped by the sweep. Returns the function the app's onRequest hook calls with
 * each request (one hook for all per-request setup is cheaper than one per concern).
 */
export function enforceBodyDeadline(
  app: FastifyInstance,
  timeoutMs: number,
): (raw: IncomingMessage, receivedAt: number) => void {
  const receiving = new Map<IncomingMessage, number>();
  const parseJson = app.getDefaultJsonParser('error', 'ignore');
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (request, body, done) => {
    receiving.delete(request.raw);
    parseJson(request, body as string, done);
  });
  const sweep = setInterval(
    () => {
      const now = performance.now();
      for (const [raw, startedAt] of receiving) {
        if (raw.complete || raw.destroyed) {
          receiving.delete(raw);
          continue;
        }
        if (now - startedAt < timeoutMs) continue;
        receiving.delete(raw);
        const body = JSON.stringify({
          error: {
            message: `The request body was not received within ${timeoutMs} ms.`,
            type: 'invalid_request_error',
            param: null,
            code: 'request_timeout',
          },
        });
        raw.socket?.end(
          `HTTP/1.1 408 Request Timeout\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
        );
        raw.socket?.destroySoon();
      }
    },
    Math.max(50, Math.min(1000, Math.floor(timeoutMs / 2))),
  );
  sweep.unref();
  app.addHook('onClose', (_instance, done) => {
    clearInterval(sweep);
    done();
  });
  return (raw, receivedAt) => {
    if (!raw.complete && raw.method !== 'GET' && raw.method !== 'HEAD') {
      receiving.set(raw, receivedAt);
    }
  };
}
