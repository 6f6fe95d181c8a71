import type { Database } from '@switchyard/db';

/** Rows per UPDATE, so erasing a large backlog never holds many row locks at once. */
const rowsPerStatement = 5_000;

/**
 * Erases prompt/completion bodies whose retention has passed. The request log itself (tokens,
 * cost) stays: only the bodies are personal data with a retention period. SKIP LOCKED lets two
 * workers run this at once without waiting on each other.
 */
export async function erasePayloadBodies(db: Database, now: Date = new Date()): Promise<number> {
  let erased = 0;
  for (;;) {
    const count = await db.$executeRaw`
      UPDATE request_logs
      SET prompt_body = NULL, completion_body = NULL, body_expires_at = NULL
      WHERE id IN (
        SELECT id FROM request_logs
        WHERE body_expires_at <= ${now}::timestamptz
        LIMIT ${rowsPerStatement}
        FOR UPDATE SKIP LOCKED
      )`;
    erased += count;
    if (count < rowsPerStatement) return erased;
  }
}
