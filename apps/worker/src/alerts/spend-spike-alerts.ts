import type { Database } from '@switchyard/db';
import { formatUsd, type AlertCandidate } from './alert-candidate.js';

const hourMs = 3_600_000;

export interface SpendSpikeOptions {
  /** Spike when this hour's spend exceeds factor × the mean hourly spend of the 24 h before. */
  factor: number;
  /** … and is at least this much, so a tenant going from $0.01 to $0.05 is not a spike. */
  minimumNanoUsd: bigint;
}

/** One tenant's spend in an hour and in the 24 hours before it. */
export interface HourlySpend {
  tenantId: string;
  hourStart: Date;
  spentNanoUsd: bigint;
  previousDayNanoUsd: bigint;
}

/**
 * spent > factor × previous / 24, compared in integers (the factor in hundredths). The 24 hours
 * include hours without spend, so a tenant that was idle all day and suddenly spends more than
 * the floor is a spike too.
 */
export function isSpendSpike(row: HourlySpend, options: SpendSpikeOptions): boolean {
  const factorHundredths = BigInt(Math.round(options.factor * 100));
  return (
    row.spentNanoUsd >= options.minimumNanoUsd &&
    row.spentNanoUsd * 24n * 100n > factorHundredths * row.previousDayNanoUsd
  );
}

export function spendSpikeAlert(row: HourlySpend, options: SpendSpikeOptions): AlertCandidate {
  const hour = row.hourStart.toISOString();
  const meanHourly = row.previousDayNanoUsd / 24n;
  return {
    tenantId: row.tenantId,
    kind: 'spend_spike',
    eventKey: `spend_spike:${row.tenantId}:${hour}`,
    title: `Spend spike: ${formatUsd(row.spentNanoUsd)} in the hour from ${hour}, against a mean of ${formatUsd(meanHourly)} per hour over the previous 24 h`,
    data: {
      hourStart: hour,
      spentNanoUsd: row.spentNanoUsd.toString(),
      previousDayNanoUsd: row.previousDayNanoUsd.toString(),
      meanHourlyNanoUsd: meanHourly.toString(),
      factor: options.factor,
      minimumNanoUsd: options.minimumNanoUsd.toString(),
    },
  };
}

/**
 * Hours are the rollups' clock hours (UTC), which makes the check a cheap range over
 * usage_hourly instead of a scan of request logs. Both the current hour and the one before are
 * checked, so usage that arrives a little late for an hour that just ended is still judged; the
 * key holds the hour, so each tenant fires at most once per hour.
 */
export async function spendSpikeAlerts(
  db: Database,
  now: Date,
  options: SpendSpikeOptions,
): Promise<AlertCandidate[]> {
  const current = Math.floor(now.getTime() / hourMs) * hourMs;
  const alerts: AlertCandidate[] = [];
  for (const hourStartMs of [current - hourMs, current]) {
    const hourStart = new Date(hourStartMs);
    const dayBefore = new Date(hourStartMs - 24 * hourMs);
    const rows = await db.$queryRaw<Array<{ tenantId: string; spent: string; previous: string }>>`
      SELECT u.tenant_id AS "tenantId",
        coalesce(sum(u.cost_nano_usd) FILTER (WHERE u.bucket_start = ${hourStart}::timestamptz), 0)::text AS spent,
        coalesce(sum(u.cost_nano_usd) FILTER (WHERE u.bucket_start < ${hourStart}::timestamptz), 0)::text AS previous
      FROM usage_hourly u
      JOIN tenants t ON t.id = u.tenant_id
      WHERE u.bucket_start >= ${dayBefore}::timestamptz AND u.bucket_start <= ${hourStart}::timestamptz
      GROUP BY u.tenant_id
      HAVING coalesce(sum(u.cost_nano_usd) FILTER (WHERE u.bucket_start = ${hourStart}::timestamptz), 0)
        >= ${options.minimumNanoUsd}::numeric`;
    for (const row of rows) {
      const spend: HourlySpend = {
        tenantId: row.tenantId,
        hourStart,
        spentNanoUsd: BigInt(row.spent),
        previousDayNanoUsd: BigInt(row.previous),
      };
      if (isSpendSpike(spend, options)) alerts.push(spendSpikeAlert(spend, options));
    }
  }
  return alerts;
}
