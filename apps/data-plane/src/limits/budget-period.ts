/**
 * Budget periods are calendar days or months in the tenant's time zone: a tenant in Tokyo gets
 * its daily budget back at Tokyo midnight. The period key names the period (`2026-11-25`,
 * `2026-11`) and seconds-left tells Redis when the counters may expire.
 */
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-CA', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
      hourCycle: 'h23',
    });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

export interface BudgetPeriod {
  /** `YYYY-MM-DD` for daily budgets, `YYYY-MM` for monthly ones (local to the time zone). */
  key: string;
  /** Start of the period as a UTC instant (what the worker stores as BudgetSpend.periodStart). */
  startMs: number;
  /** Seconds until the period ends (at least 1). */
  secondsLeft: number;
}

/** The period containing `atMs` for a daily or monthly budget in `timeZone`. */
export function budgetPeriod(
  period: 'DAILY' | 'MONTHLY',
  timeZone: string,
  atMs: number,
): BudgetPeriod {
  const parts = localParts(timeZone, atMs);
  const startLocal = {
    year: parts.year,
    month: parts.month,
    day: period === 'DAILY' ? parts.day : 1,
  };
  const endLocal =
    period === 'DAILY'
      ? addDays(startLocal, 1)
      : {
          year: parts.month === 12 ? parts.year + 1 : parts.year,
          month: parts.month === 12 ? 1 : parts.month + 1,
          day: 1,
        };
  const startMs = zonedMidnightToUtc(timeZone, startLocal);
  const endMs = zonedMidnightToUtc(timeZone, endLocal);
  const month = String(parts.month).padStart(2, '0');
  const key =
    period === 'DAILY'
      ? `${parts.year}-${month}-${String(parts.day).padStart(2, '0')}`
      : `${parts.year}-${month}`;
  return { key, startMs, secondsLeft: Math.max(1, Math.ceil((endMs - atMs) / 1000)) };
}

interface LocalParts {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

function localParts(timeZone: string, atMs: number): LocalParts {
  const values: Record<string, number> = {};
  for (const part of formatterFor(timeZone).formatToParts(atMs)) {
    if (part.type !== 'literal') values[part.type] = Number(part.value);
  }
  return {
    year: values.year!,
    month: values.month!,
    day: values.day!,
    hour: values.hour!,
    minute: values.minute!,
    second: values.second!,
  };
}

function addDays(date: { year: number; month: number; day: number }, days: number) {
  const next = new Date(Date.UTC(date.year, date.month - 1, date.day + days));
  return { year: next.getUTCFullYear(), month: next.getUTCMonth() + 1, day: next.getUTCDate() };
}

/** UTC instant of local midnight on a date in a zone (offset found by one correction step). */
function zonedMidnightToUtc(
  timeZone: string,
  date: { year: number; month: number; day: number },
): number {
  const guess = Date.UTC(date.year, date.month - 1, date.day);
  const local = localParts(timeZone, guess);
  const localAsUtc = Date.UTC(
    local.year,
    local.month - 1,
    local.day,
    local.hour,
    local.minute,
    local.second,
  );
  const offset = localAsUtc - guess;
  const candidate = guess - offset;
  // Across a DST change the offset at midnight can differ from the guess's: correct once more.
  const check = localParts(timeZone, candidate);
  const checkAsUtc = Date.UTC(
    check.year,
    check.month - 1,
    check.day,
    check.hour,
    check.minute,
    check.second,
  );
  return candidate - (checkAsUtc - candidate - offset);
}
