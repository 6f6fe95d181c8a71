import type { Database } from '@switchyard/db';
import type { AlertCandidate } from './alert-candidate.js';

export interface ErrorRateOptions {
  /** The sliding window measured, ending now. */
  windowMinutes: number;
  /** Percent of attempts that failed at which the alert fires. */
  thresholdPercent: number;
  /** Attempts the window must hold before its rate means anything. */
  minimumRequests: number;
}

/** Attempts on one provider for one tenant in the window. */
export interface ProviderAttempts {
  tenantId: string;
  provider: string;
  attempts: number;
  errors: number;
}

export function isErrorRateSpike(row: ProviderAttempts, options: ErrorRateOptions): boolean {
  return (
    row.attempts >= options.minimumRequests &&
    row.errors * 100 >= options.thresholdPercent * row.attempts
  );
}

/**
 * Keyed by the aligned window (now rounded down to the window size), so a provider fires at most
 * once per window per tenant while the rate itself is measured over the last `windowMinutes`.
 */
export function errorRateAlert(
  row: ProviderAttempts,
  now: Date,
  options: ErrorRateOptions,
): AlertCandidate {
  const windowMs = options.windowMinutes * 60_000;
  const windowStart = new Date(Math.floor(now.getTime() / windowMs) * windowMs).toISOString();
  const percent = Math.round((row.errors * 10_000) / row.attempts) / 100;
  return {
    tenantId: row.tenantId,
    kind: 'error_rate_spike',
    eventKey: `error_rate_spike:${row.tenantId}:${row.provider}:${windowStart}`,
    title: `Provider ${row.provider}: ${percent}% of ${row.attempts} attempts failed in the last ${options.windowMinutes} minutes`,
    data: {
      provider: row.provider,
      attempts: row.attempts,
      errors: row.errors,
      percent,
      thresholdPercent: options.thresholdPercent,
      windowMinutes: options.windowMinutes,
      windowStart,
      measuredUntil: now.toISOString(),
    },
  };
}

/**
 * Counts attempts per tenant and provider: each request a provider served is one attempt (an
 * error if it ended in a 5xx), and each failed failover attempt recorded on a request is one
 * failed attempt on its provider. Caller and policy faults (a bad request, a budget refusal) say
 * nothing about the provider and are left out. The per-tenant LATERAL walks the
 * (tenant_id, created_at) index instead of scanning every request log.
 */
export async function loadProviderAttempts(
  db: Database,
  now: Date,
  windowMinutes: number,
): Promise<ProviderAttempts[]> {
  const since = new Date(now.getTime() - windowMinutes * 60_000);
  const rows = await db.$queryRaw<
    Array<{ tenantId: string; provider: string; attempts: bigint; errors: bigint }>
  >`
    SELECT t.id AS "tenantId", w.provider, w.attempts, w.errors
    FROM tenants t
    CROSS JOIN LATERAL (
      SELECT a.provider, count(*) AS attempts, count(*) FILTER (WHERE a.failed) AS errors
      FROM (
        SELECT r.provider, r.status >= 500 AS failed
        FROM request_logs r
        WHERE r.tenant_id = t.id AND r.created_at >= ${since}::timestamptz
          AND r.created_at < ${now}::timestamptz AND r.provider IS NOT NULL
        UNION ALL
        SELECT attempt->>'provider', true
        FROM request_logs r
        CROSS JOIN LATERAL jsonb_array_elements(
          CASE WHEN jsonb_typeof(r.failover_reasons) = 'array' THEN r.failover_reasons ELSE '[]'::jsonb END
        ) AS attempt
        WHERE r.tenant_id = t.id AND r.created_at >= ${since}::timestamptz
          AND r.created_at < ${now}::timestamptz AND r.failover_reasons IS NOT NULL
          AND attempt->>'provider' IS NOT NULL
          AND coalesce(attempt->>'fault', 'provider') NOT IN ('caller', 'policy')
      ) a
      GROUP BY a.provider
    ) w`;
  return rows.map((row) => ({
    tenantId: row.tenantId,
    provider: row.provider,
    attempts: Number(row.attempts),
    errors: Number(row.errors),
  }));
}

export async function errorRateAlerts(
  db: Database,
  now: Date,
  options: ErrorRateOptions,
): Promise<AlertCandidate[]> {
  const rows = await loadProviderAttempts(db, now, options.windowMinutes);
  return rows
    .filter((row) => isErrorRateSpike(row, options))
    .map((row) => errorRateAlert(row, now, options));
}
