import { describe, expect, it } from 'vitest';
import { budgetPeriodStart } from './budget-period-start.js';

describe('budgetPeriodStart', () => {
  it('uses UTC midnight and the 1st for UTC tenants', () => {
    const at = new Date('2026-03-17T15:04:05.678Z');
    expect(budgetPeriodStart(at, 'DAILY', 'UTC').toISOString()).toBe('2026-03-17T00:00:00.000Z');
    expect(budgetPeriodStart(at, 'MONTHLY', 'UTC').toISOString()).toBe('2026-03-01T00:00:00.000Z');
  });

  it('starts the day at local midnight in the tenant time zone', () => {
    // 03:00Z on the 17th is still the 16th in New York (UTC-4 in March after DST).
    const at = new Date('2026-03-17T03:00:00Z');
    expect(budgetPeriodStart(at, 'DAILY', 'America/New_York').toISOString()).toBe(
      '2026-03-16T04:00:00.000Z',
    );
    expect(budgetPeriodStart(at, 'DAILY', 'Asia/Tokyo').toISOString()).toBe(
      '2026-03-16T15:00:00.000Z',
    );
  });

  it('handles a month that starts before a DST change', () => {
    // 1 March 2026 in New York is EST (UTC-5); DST starts on 8 March.
    const at = new Date('2026-03-20T12:00:00Z');
    expect(budgetPeriodStart(at, 'MONTHLY', 'America/New_York').toISOString()).toBe(
      '2026-03-01T05:00:00.000Z',
    );
  });

  it('handles half-hour offsets and the day of a DST change', () => {
    expect(
      budgetPeriodStart(new Date('2026-06-01T00:00:00Z'), 'DAILY', 'Asia/Kolkata').toISOString(),
    ).toBe('2026-05-31T18:30:00.000Z');
    // Europe/Berlin switches at 02:00 local on 29 March 2026; midnight is still UTC+1.
    expect(
      budgetPeriodStart(new Date('2026-03-29T12:00:00Z'), 'DAILY', 'Europe/Berlin').toISOString(),
    ).toBe('2026-03-28T23:00:00.000Z');
  });

  it('starts the day at the first instant when local midnight does not exist', () => {
    // America/Santiago moved clocks from 00:00 to 01:00 on 7 September 2025 (UTC-4 → UTC-3).
    const at = new Date('2025-09-07T12:00:00Z');
    expect(budgetPeriodStart(at, 'DAILY', 'America/Santiago').toISOString()).toBe(
      '2025-09-07T04:00:00.000Z',
    );
  });

  it('falls back to UTC for an unknown time zone', () => {
    const at = new Date('2026-03-17T15:00:00Z');
    expect(budgetPeriodStart(at, 'DAILY', 'Not/AZone').toISOString()).toBe(
      '2026-03-17T00:00:00.000Z',
    );
  });
});
