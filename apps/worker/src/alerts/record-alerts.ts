import { randomUUID } from 'node:crypto';
import { Prisma, type Database } from '@switchyard/db';
import type { AlertCandidate, AlertPayload } from './alert-candidate.js';

/** An alert row this call inserted (a conflict means another run already fired it). */
export interface RecordedAlert {
  id: string;
  tenantId: string;
  kind: string;
  channelId: string | null;
}

const rowsPerStatement = 1_000;
export const noChannelError = 'no enabled alert channel for this tenant or the platform';

interface AlertRow {
  id: string;
  tenantId: string;
  channelId: string | null;
  kind: string;
  dedupeKey: string;
  payload: AlertPayload;
  status: 'PENDING' | 'FAILED';
  lastError: string | null;
}

/**
 * Records alerts, one row per event and enabled channel (the tenant's and the platform's).
 * An event fires once: its first row (first channel by id, or no channel) carries the bare
 * event key as dedupe key, the others `<eventKey>@<channelId>`, and rows are only inserted while
 * no row holds the bare key, so a channel added later does not receive events that already
 * fired. INSERT … ON CONFLICT (dedupe_key) DO NOTHING RETURNING makes concurrent workers agree:
 * whoever inserts a row owns its delivery; a redelivered batch or a second evaluator gets
 * nothing back. An event without any channel is still recorded (channel null, FAILED with the
 * reason) so it can be queried.
 */
export async function recordAlerts(
  db: Database,
  candidates: readonly AlertCandidate[],
): Promise<RecordedAlert[]> {
  if (candidates.length === 0) return [];
  const tenantIds = [...new Set(candidates.map((candidate) => candidate.tenantId))];
  const channels = await db.alertChannel.findMany({
    where: { enabled: true, OR: [{ tenantId: { in: tenantIds } }, { tenantId: null }] },
    select: { id: true, tenantId: true },
    orderBy: { id: 'asc' },
  });
  const events = new Map<string, AlertRow[]>();
  for (const candidate of candidates) {
    const targets = channels.filter(
      (channel) => channel.tenantId === candidate.tenantId || channel.tenantId === null,
    );
    events.set(candidate.eventKey, rowsFor(candidate, targets));
  }
  // Sorted keys: concurrent inserts of overlapping alerts take index locks in the same order.
  const sorted = [...events.keys()].sort().map((eventKey) => events.get(eventKey)!);
  const inserted: RecordedAlert[] = [];
  // An event's rows never straddle two statements: the second would find the first's bare key.
  let chunk: AlertRow[] = [];
  for (const rows of sorted) {
    if (chunk.length > 0 && chunk.length + rows.length > rowsPerStatement) {
      inserted.push(...(await insertRows(db, chunk)));
      chunk = [];
    }
    chunk.push(...rows);
  }
  if (chunk.length > 0) inserted.push(...(await insertRows(db, chunk)));
  return inserted;
}

function rowsFor(candidate: AlertCandidate, channels: ReadonlyArray<{ id: string }>): AlertRow[] {
  const base = {
    tenantId: candidate.tenantId,
    kind: candidate.kind,
    payload: { eventKey: candidate.eventKey, title: candidate.title, data: candidate.data },
  };
  if (channels.length === 0) {
    return [
      {
        ...base,
        id: randomUUID(),
        channelId: null,
        dedupeKey: candidate.eventKey,
        status: 'FAILED',
        lastError: noChannelError,
      },
    ];
  }
  return channels.map((channel, index) => ({
    ...base,
    id: randomUUID(),
    channelId: channel.id,
    dedupeKey: index === 0 ? candidate.eventKey : `${candidate.eventKey}@${channel.id}`,
    status: 'PENDING',
    lastError: null,
  }));
}

async function insertRows(db: Database, rows: readonly AlertRow[]): Promise<RecordedAlert[]> {
  const values = rows.map(
    (row) =>
      Prisma.sql`(${row.id}::text, ${row.tenantId}::text, ${row.channelId}::text, ${row.kind}::text,
        ${row.dedupeKey}::text, ${JSON.stringify(row.payload)}::jsonb, ${row.status}::alert_status,
        ${row.lastError}::text, ${row.payload.eventKey}::text)`,
  );
  return db.$queryRaw<RecordedAlert[]>`
    INSERT INTO alerts (id, tenant_id, channel_id, kind, dedupe_key, payload, status, last_error)
    SELECT v.id, v.tenant_id, v.channel_id, v.kind, v.dedupe_key, v.payload, v.status, v.last_error
    FROM (VALUES ${Prisma.join(values)})
      AS v(id, tenant_id, channel_id, kind, dedupe_key, payload, status, last_error, event_key)
    WHERE NOT EXISTS (SELECT 1 FROM alerts fired WHERE fired.dedupe_key = v.event_key)
    ON CONFLICT (dedupe_key) DO NOTHING
    RETURNING id, tenant_id AS "tenantId", kind, channel_id AS "channelId"`;
}
