import { once } from 'node:events';
import type { ServerResponse } from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import { faultTouchesBody } from './faults.js';
import type { ResponsePlan } from './response-plan.js';
import type { MockFault } from './types.js';

/**
 * Writes a plan with the fault applied. A JSON body counts as two chunks (its halves) when a
 * chunk-level fault is active, so `disconnectAfterChunks: 1` cuts a JSON body mid-way.
 *
 * `signal` aborts when the client goes away or the mock closes; every wait honours it so a
 * closed mock leaves no timers behind.
 */
export async function writeResponse(
  response: ServerResponse,
  plan: ResponsePlan,
  fault: MockFault | undefined,
  signal: AbortSignal,
): Promise<void> {
  const chunks = bodyChunks(plan, fault);
  const headers = { ...plan.headers, ...fault?.headers };
  if (plan.kind === 'json') {
    headers['content-length'] = String(
      chunks.reduce((sum, chunk) => sum + Buffer.byteLength(chunk), 0),
    );
  }
  // One event per write must reach the client at once; Nagle would batch them.
  response.socket?.setNoDelay(true);
  response.writeHead(plan.status, headers);

  if (fault?.firstByteDelayMs !== undefined) {
    response.flushHeaders();
    if (!(await wait(fault.firstByteDelayMs, signal))) return;
  }

  for (let index = 0; index <= chunks.length; index += 1) {
    if (response.destroyed) return;
    if (fault?.disconnectAfterChunks === index) {
      // Let what was written reach the client first; destroy() would discard buffered bytes.
      await flushSocket(response, signal);
      response.socket?.destroy();
      return;
    }
    if (fault?.stallAfterChunks === index) {
      // Keep the socket open with nothing more to say; close() of the mock ends it.
      response.flushHeaders();
      return;
    }
    if (plan.kind === 'stream' && fault?.errorAfterChunks === index) {
      await write(response, plan.errorChunk, signal);
      response.end();
      return;
    }
    const chunk = chunks[index];
    if (chunk === undefined) break;
    if (index > 0 && fault?.chunkDelayMs !== undefined && !(await wait(fault.chunkDelayMs, signal)))
      return;
    if (!(await write(response, chunk, signal))) return;
  }
  response.end();
}

function bodyChunks(plan: ResponsePlan, fault: MockFault | undefined): Array<string | Buffer> {
  if (plan.kind === 'stream') {
    if (fault?.coalesceChunks === true)
      return [Buffer.concat(plan.chunks.map((chunk) => Buffer.from(chunk)))];
    if (fault?.malformedBody !== true) return plan.chunks;
    // A good first event, then garbage: the client has started consuming when it breaks.
    const [first, ...rest] = plan.chunks;
    return first === undefined ? [plan.malformedChunk] : [first, plan.malformedChunk, ...rest];
  }
  // A truncated document is what a cut proxy or a crashed upstream really produces.
  const body =
    fault?.malformedBody === true
      ? plan.body.slice(0, Math.max(1, Math.floor(plan.body.length / 2)))
      : plan.body;
  if (!faultTouchesBody(fault) || body.length < 2) return [body];
  const middle = Math.floor(body.length / 2);
  return [body.slice(0, middle), body.slice(middle)];
}

/** Resolves false when aborted instead of throwing, so callers can just stop. */
async function wait(milliseconds: number, signal: AbortSignal): Promise<boolean> {
  try {
    await sleep(milliseconds, undefined, { signal });
    return true;
  } catch {
    return false;
  }
}

async function flushSocket(response: ServerResponse, signal: AbortSignal): Promise<void> {
  const socket = response.socket;
  if (socket === null || socket.destroyed) return;
  // Writes complete in order, so the callback of an empty write fires once everything before
  // it has been handed to the kernel. ('drain' only fires after a write returned false.)
  await new Promise<void>((resolve) => {
    signal.addEventListener('abort', () => resolve(), { once: true });
    socket.write('', () => resolve());
  });
}

/** Writes with back-pressure; false if the connection went away while waiting. */
async function write(
  response: ServerResponse,
  chunk: string | Buffer,
  signal: AbortSignal,
): Promise<boolean> {
  if (response.destroyed) return false;
  if (response.write(chunk)) return true;
  try {
    await once(response, 'drain', { signal });
    return true;
  } catch {
    return false;
  }
}
