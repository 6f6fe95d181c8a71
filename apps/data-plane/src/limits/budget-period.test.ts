import { describe, expect, it } from 'vitest';
import { budgetPeriod } from './budget-period.js';

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

  it('starts monthly periods on the first of the month, local time', () => {
    const period = budgetPeriod('MONTHLY', 'Europe/Berlin', Date.parse('2026-03-31T23:30:00Z'));
    expect(period.key).toBe('2026-04');
    expect(new Date(period.startMs).toISOString()).toBe('2026-03-31T22:00:00.000Z');
  });

  it('handles a day that is 23 hours long (DST start)', () => {
    const period = budgetPeriod('DAILY', 'Europe/Berlin', Date.parse('2026-03-29T12:00:00Z'));
    expect(period.key).toBe('2026-03-29');
    expect(new Date(period.startMs).toISOString()).toBe('2026-03-28T23:00:00.000Z');
    expect(period.secondsLeft).toBe(
      (Date.parse('2026-03-29T22:00:00Z') - Date.parse('2026-03-29T12:00:00Z')) / 1000,
    );
  });

  it('works in UTC', () => {
    const period = budgetPeriod('MONTHLY', 'UTC', Date.parse('2026-12-31T23:59:59Z'));
    expect(period.key).toBe('2026-12');
    expect(period.secondsLeft).toBe(1);
  });
});
