import type { ServerResponse } from 'node:http';
import type { RecordedRequest } from './types.js';

/**
 * Records on `record` how its response ended: `closedEarly` becomes `true` when the connection
 * closed before the whole response was written, `false` when it was written to the end. It stays
 * undefined while the response is in flight.
 *
 * This is how a test proves that a gateway aborts its upstream call when its own client goes
 * away: the mock sees the connection close mid-stream. Faults that cut the connection themselves
 * (`connectionReset`, `disconnectAfterChunks`) or a `close()` of a stalled mock also count as
 * early, so only read it for requests without such faults.
 */
export function trackResponseClose(record: RecordedRequest, response: ServerResponse): void {
  response.once('close', () => {
    record.closedEarly = !response.writableFinished;
  });
}
