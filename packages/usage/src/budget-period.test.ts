import { describe, expect, it } from 'vitest';
import { budgetCounterKey, budgetCounterTtlSeconds, budgetPeriod } from './budget-period.js';

const startOf = (period: 'DAILY' | 'MONTHLY', timeZone: string, at: string) =>
  new Date(budgetPeriod(period, timeZone, Date.parse(at)).startMs).toISOString();

describe('budgetPeriod', () => {
  it('uses the tenant time zone for the day boundary', () => {
    // 2026-11-25T16:30Z is already the 26th in Tokyo (UTC+9) but still the 25th in New York.
    const at = Date.parse('2026-11-25T16:30:00Z');
    const tokyo = budgetPeriod('DAILY', 'Asia/Tokyo', at);
    expect(tokyo.key).toBe('2026-11-26');
    expect(new Date(tokyo.startMs).toISOString()).toBe('2026-11-25T15:00:00.000Z');
    expect(tokyo.secondsLeft).toBe((Date.parse('2026-11-26T15:00:00Z') - at) / 1000);
    const newYork = budgetPeriod('DAILY', 'America/New_York', at);
    expect(newYork.key).toBe('2026-11-25');
    expect(new Date(newYork.startMs).toISOString()).toBe('2026-11-25T05:00:00.000Z');
  });

  it('uses UTC midnight and the 1st for UTC tenants', () => {
    expect(startOf('DAILY', 'UTC', '2026-03-17T15:04:05.678Z')).toBe('2026-03-17T00:00:00.000Z');
    expect(startOf('MONTHLY', 'UTC', '2026-03-17T15:04:05.678Z')).toBe('2026-03-01T00:00:00.000Z');
    const endOfYear = budgetPeriod('MONTHLY', 'UTC', Date.parse('2026-12-31T23:59:59Z'));
    expect(endOfYear.key).toBe('2026-12');
    expect(endOfYear.secondsLeft).toBe(1);
  });

  it('starts monthly periods on the first of the month, local time', () => {
    const period = budgetPeriod('MONTHLY', 'Europe/Berlin', Date.parse('2026-03-31T23:30:00Z'));
    expect(period.key).toBe('2026-04');
    expect(new Date(period.startMs).toISOString()).toBe('2026-03-31T22:00:00.000Z');
    // 1 March 2026 in New York is EST (UTC-5); DST starts on 8 March.
    expect(startOf('MONTHLY', 'America/New_York', '2026-03-20T12:00:00Z')).toBe(
      '2026-03-01T05:00:00.000Z',
    );
  });

  it('handles a day that is 23 hours long (DST start) and half-hour offsets', () => {
    const period = budgetPeriod('DAILY', 'Europe/Berlin', Date.parse('2026-03-29T12:00:00Z'));
    expect(period.key).toBe('2026-03-29');
    expect(new Date(period.startMs).toISOString()).toBe('2026-03-28T23:00:00.000Z');
    expect(period.secondsLeft).toBe(
      (Date.parse('2026-03-29T22:00:00Z') - Date.parse('2026-03-29T12:00:00Z')) / 1000,
    );
    expect(startOf('DAILY', 'Asia/Kolkata', '2026-06-01T00:00:00Z')).toBe(
      '2026-05-31T18:30:00.000Z',
    );
  });

  it('starts the day at the first instant when local midnight does not exist', () => {
    // America/Santiago moved clocks from 00:00 to 01:00 on 7 September 2025 (UTC-4 → UTC-3).
    expect(startOf('DAILY', 'America/Santiago', '2025-09-07T12:00:00Z')).toBe(
      '2025-09-07T04:00:00.000Z',
    );
  });

  it('falls back to UTC for an unknown time zone', () => {
    const period = budgetPeriod('DAILY', 'Not/AZone', Date.parse('2026-03-17T15:00:00Z'));
    expect([period.key, new Date(period.startMs).toISOString()]).toEqual([
      '2026-03-17',
      '2026-03-17T00:00:00.000Z',
    ]);
  });

  it('returns the same boundaries from its cache as on first computation', () => {
    const first = budgetPeriod('DAILY', 'Asia/Tokyo', Date.parse('2026-11-25T16:30:00Z'));
    const later = budgetPeriod('DAILY', 'Asia/Tokyo', Date.parse('2026-11-26T14:59:59Z'));
    expect(later.key).toBe(first.key);
    expect(later.startMs).toBe(first.startMs);
    expect(later.secondsLeft).toBe(1);
  });
});

describe('budget counters', () => {
  it('hash-tags the key by tenant and outlives the period by a day', () => {
    expect(budgetCounterKey('sy:', 't1', 'b1', '2026-11')).toBe('sy:budget:{t1}:b1:2026-11');
    expect(budgetCounterTtlSeconds({ key: 'k', startMs: 0, secondsLeft: 10 })).toBe(86_410);
  });
});
