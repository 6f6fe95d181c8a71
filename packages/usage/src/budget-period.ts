/**
 * Budget periods are calendar days or months in the tenant's time zone: a tenant in Tokyo gets
 * its daily budget back at Tokyo midnight. The data plane keys its Redis spend counters by the
 * period key (`2026-11-25`, `2026-11`) and the worker stores BudgetSpend by the period start, so
 * both import this one function and can never disagree on where a period begins.
 */
export type BudgetPeriodKind = 'DAILY' | 'MONTHLY';

export interface BudgetPeriod {
  /** `YYYY-MM-DD` for daily budgets, `YYYY-MM` for monthly ones (local to the time zone). */
  key: string;
  /** Start of the period as a UTC instant (what the worker stores as BudgetSpend.periodStart). */
  startMs: number;
  /** Seconds until the period ends (at least 1). */
  secondsLeft: number;
}

interface LocalDate {
  year: number;
  month: number;
  day: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let cached = formatters.get(timeZone);
  if (!cached) {
    // Throws RangeError for an unknown zone; callers check isValidTimeZone first.
    cached = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formatters.set(timeZone, cached);
  }
  return cached;
}

/** Wall-clock fields of `instant` in `timeZone`, as if they were UTC (milliseconds). */
function wallClockMs(instant: number, timeZone: string): number {
  const parts: Record<string, number> = {};
  for (const part of formatter(timeZone).formatToParts(new Date(instant))) {
    if (part.type !== 'literal') parts[part.type] = Number(part.value);
  }
  const { year = 0, month = 1, day = 1, hour = 0, minute = 0, second = 0 } = parts;
  return Date.UTC(year, month - 1, day, hour, minute, second);
}

function localDate(instant: number, timeZone: string): LocalDate {
  const wall = new Date(wallClockMs(instant, timeZone));
  return { year: wall.getUTCFullYear(), month: wall.getUTCMonth() + 1, day: wall.getUTCDate() };
}

/** The UTC instant of local midnight starting `date` (the first instant of that local day). */
function localMidnight(date: LocalDate, timeZone: string): number {
  const wallMidnight = Date.UTC(date.year, date.month - 1, date.day);
  // offset = wall - utc; iterate because the offset at midnight may differ from the guess (DST).
  let utc = wallMidnight;
  for (let step = 0; step < 3; step += 1) {
    const offset = wallClockMs(utc, timeZone) - utc;
    const next = wallMidnight - offset;
    if (next === utc) break;
    utc = next;
  }
  // Where midnight does not exist (DST gap at 00:00) the day starts at the first later instant.
  while (wallClockMs(utc, timeZone) < wallMidnight) utc += 60_000;
  return utc;
}

function nextPeriodStart(date: LocalDate, period: BudgetPeriodKind): LocalDate {
  if (period === 'MONTHLY') {
    return date.month === 12
      ? { year: date.year + 1, month: 1, day: 1 }
      : { year: date.year, month: date.month + 1, day: 1 };
  }
  const next = new Date(Date.UTC(date.year, date.month - 1, date.day + 1));
  return { year: next.getUTCFullYear(), month: next.getUTCMonth() + 1, day: next.getUTCDate() };
}

/**
 * Period boundaries by zone and key. The data plane asks on every request; the boundaries of a
 * period never change, so after the first request of a period only one formatToParts call is left.
 */
const boundaries = new Map<string, { startMs: number; endMs: number }>();
const maxCachedBoundaries = 10_000;

/** The period containing `atMs` for a daily or monthly budget in `timeZone` (UTC if unknown). */
export function budgetPeriod(
  period: BudgetPeriodKind,
  timeZone: string,
  atMs: number,
): BudgetPeriod {
  const zone = isValidTimeZone(timeZone) ? timeZone : 'UTC';
  const today = localDate(atMs, zone);
  const start: LocalDate = period === 'MONTHLY' ? { ...today, day: 1 } : today;
  const month = String(start.month).padStart(2, '0');
  const key =
    period === 'DAILY'
      ? `${start.year}-${month}-${String(start.day).padStart(2, '0')}`
      : `${start.year}-${month}`;
  const cacheKey = `${zone}\u0000${key}`;
  let bounds = boundaries.get(cacheKey);
  if (!bounds) {
    bounds = {
      startMs: localMidnight(start, zone),
      endMs: localMidnight(nextPeriodStart(start, period), zone),
    };
    if (boundaries.size >= maxCachedBoundaries) boundaries.clear();
    boundaries.set(cacheKey, bounds);
  }
  return {
    key,
    startMs: bounds.startMs,
    secondsLeft: Math.max(1, Math.ceil((bounds.endMs - atMs) / 1000)),
  };
}

/**
 * The Redis hash holding a budget's `spent` and `reserved` nano-USD for one period. Hash-tagged
 * by tenant so the data plane's admission script touches one cluster slot per request.
 */
export function budgetCounterKey(
  prefix: string,
  tenantId: string,
  budgetId: string,
  periodKey: string,
): string {
  return `${prefix}budget:{${tenantId}}:${budgetId}:${periodKey}`;
}

/**
 * How long a counter outlives its period: a day of slack so a request that started just before
 * midnight still finds its reservation when it settles.
 */
export function budgetCounterTtlSeconds(period: BudgetPeriod): number {
  return period.secondsLeft + 86_400;
}

export function isValidTimeZone(timeZone: string): boolean {
  try {
    formatter(timeZone);
    return true;
  } catch {
    return false;
  }
}
