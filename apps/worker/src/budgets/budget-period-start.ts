/**
 * Start of the budget period containing `at`, in the tenant's time zone: local midnight for
 * DAILY, local midnight of the 1st for MONTHLY, returned as the UTC instant. Budgets and the
 * data plane's Redis counters use the same boundaries, so reconciliation compares like periods.
 */
export type BudgetPeriod = 'DAILY' | 'MONTHLY';

interface LocalDate {
  year: number;
  month: number;
  day: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let cached = formatters.get(timeZone);
  if (!cached) {
    // Throws RangeError for an unknown zone; callers fall back to UTC.
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

export function budgetPeriodStart(at: Date, period: BudgetPeriod, timeZone: string): Date {
  const zone = isValidTimeZone(timeZone) ? timeZone : 'UTC';
  const today = localDate(at.getTime(), zone);
  const first = period === 'MONTHLY' ? { ...today, day: 1 } : today;
  return new Date(localMidnight(first, zone));
}

export function isValidTimeZone(timeZone: string): boolean {
  try {
    formatter(timeZone);
    return true;
  } catch {
    return false;
  }
}
