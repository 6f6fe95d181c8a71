import type { Database } from '@switchyard/db';
import type { UsageEventInput } from '@switchyard/usage';
import { pino } from 'pino';

type HandleUsageBatch = (
  data: { batchId: string; events: UsageEventInput[] },
  deps: { db: Database; logger: pino.Logger; payloadRetentionDefaultDays: number },
) => Promise<{ inserted: number }>;

/**
 * The worker's real usage-batch handler, so a test's request logs, rollups and budget spend are
 * exactly what production writes. Loaded by URL at run time: apps never import apps, and the
 * control plane's tsconfig (rootDir) cannot include the worker's sources; the type above is the
 * part of its signature these tests use.
 */
export async function loadWorkerUsageBatchHandler(
  db: Database,
): Promise<(batchId: string, events: UsageEventInput[]) => Promise<number>> {
  const url = new URL('../../../worker/src/handlers/usage-batch.handler.ts', import.meta.url);
  const { handleUsageBatch } = (await import(url.href)) as { handleUsageBatch: HandleUsageBatch };
  const logger = pino({ level: 'silent' });
  return async (batchId, events) =>
    (await handleUsageBatch({ batchId, events }, { db, logger, payloadRetentionDefaultDays: 30 }))
      .inserted;
}
