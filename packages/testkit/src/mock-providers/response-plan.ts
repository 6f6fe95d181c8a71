/**
 * What a dialect wants to send, before faults are applied. Dialects build plans; one writer
 * (write-response.ts) turns them into bytes, so every fault works the same way on every dialect.
 */
export type ResponseHeaders = Record<string, string>;

export interface JsonResponsePlan {
  kind: 'json';
  status: number;
  headers: ResponseHeaders;
  /** Serialized body, sent with a content-length. */
  body: string;
}

export interface StreamResponsePlan {
  kind: 'stream';
  status: number;
  headers: ResponseHeaders;
  /** Already framed events (SSE text or eventstream frames), one write each. */
  chunks: Array<string | Buffer>;
  /** The dialect's own in-stream error event, used by the `errorAfterChunks` fault. */
  errorChunk: string | Buffer;
  /** A frame a correct client must refuse to parse, used by the `malformedBody` fault. */
  malformedChunk: string | Buffer;
}

export type ResponsePlan = JsonResponsePlan | StreamResponsePlan;

export function jsonPlan(
  status: number,
  headers: ResponseHeaders,
  body: unknown,
): JsonResponsePlan {
  return {
    kind: 'json',
    status,
    headers: { 'content-type': 'application/json', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  };
}

/** Headers every SSE response carries (reference §5: no caching, no proxy buffering). */
export const sseHeaders: ResponseHeaders = {
  'content-type': 'text/event-stream; charset=utf-8',
  'cache-control': 'no-cache',
  'x-accel-buffering': 'no',
};
