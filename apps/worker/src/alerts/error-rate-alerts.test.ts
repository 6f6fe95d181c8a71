import { describe, expect, it } from 'vitest';
import { errorRateAlert, isErrorRateSpike } from './error-rate-alerts.js';

const options = { windowMinutes: 10, thresholdPercent: 20, minimumRequests: 10 };
const attempts = (total: number, errors: number) => ({
  tenantId: 't',
  provider: 'openai',
  attempts: total,
  errors,
});

describe('error-rate spikes', () => {
  it('fires at the threshold once the window holds enough attempts', () => {
    expect(isErrorRateSpike(attempts(10, 1), options)).toBe(false);
    expect(isErrorRateSpike(attempts(10, 2), options)).toBe(true);
    expect(isErrorRateSpike(attempts(9, 9), options)).toBe(false);
  });

  it('keys the alert by tenant, provider and aligned window', () => {
    const alert = errorRateAlert(attempts(40, 12), new Date('2026-03-17T10:17:30Z'), options);
    expect(alert).toMatchObject({
      eventKey: 'error_rate_spike:t:openai:2026-03-17T10:10:00.000Z',
      data: { percent: 30, attempts: 40, errors: 12 },
    });
  });
});
