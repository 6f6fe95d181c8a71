import { describe, expect, it } from 'vitest';
import { isSpendSpike, spendSpikeAlert, type HourlySpend } from './spend-spike-alerts.js';

const options = { factor: 3, minimumNanoUsd: 1_000n };
const hour = (spentNanoUsd: bigint, previousDayNanoUsd: bigint): HourlySpend => ({
  tenantId: 't',
  hourStart: new Date('2026-03-17T10:00:00Z'),
  spentNanoUsd,
  previousDayNanoUsd,
});

describe('spend spikes', () => {
  it('fires above factor × the mean hourly spend of the previous 24 hours', () => {
    // Mean 1,000 per hour: a spike needs more than 3,000.
    expect(isSpendSpike(hour(3_000n, 24_000n), options)).toBe(false);
    expect(isSpendSpike(hour(3_001n, 24_000n), options)).toBe(true);
    expect(isSpendSpike(hour(2_501n, 24_000n), { ...options, factor: 2.5 })).toBe(true);
  });

  it('needs the absolute floor, even for a tenant idle the day before', () => {
    expect(isSpendSpike(hour(999n, 0n), options)).toBe(false);
    expect(isSpendSpike(hour(1_000n, 0n), options)).toBe(true);
  });

  it('keys the alert by tenant and hour', () => {
    expect(spendSpikeAlert(hour(5_000n, 24_000n), options)).toMatchObject({
      eventKey: 'spend_spike:t:2026-03-17T10:00:00.000Z',
      data: { spentNanoUsd: '5000', meanHourlyNanoUsd: '1000' },
    });
  });
});
