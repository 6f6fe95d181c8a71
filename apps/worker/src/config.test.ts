import { describe, expect, it } from 'vitest';
import { loadConfig } from './config.js';

describe('loadConfig', () => {
  it('applies defaults', () => {
    expect(
      loadConfig({ DATABASE_URL: 'postgresql://postgres@127.0.0.1:5432/switchyard' }),
    ).toMatchObject({
      REDIS_URL: 'redis://127.0.0.1:6379',
      SWITCHYARD_REDIS_PREFIX: 'sy:',
      WORKER_HOST: '127.0.0.1',
      WORKER_PORT: 8082,
      LOG_LEVEL: 'info',
    });
  });

  it('names a missing DATABASE_URL', () => {
    expect(() => loadConfig({})).toThrow(/DATABASE_URL: is required/);
  });

  it('names every malformed variable', () => {
    expect(() =>
      loadConfig({
        DATABASE_URL: 'mysql://x',
        WORKER_PORT: 'eighty',
        LOG_LEVEL: 'loud',
        REDIS_URL: 'nope',
      }),
    ).toThrow(
      /DATABASE_URL: must be a postgresql:\/\/ URL[\s\S]*REDIS_URL[\s\S]*WORKER_PORT[\s\S]*LOG_LEVEL/,
    );
  });

  it('defaults and validates the reconciliation and alert settings, naming each bad one', () => {
    const base = { DATABASE_URL: 'postgresql://postgres@127.0.0.1:5432/switchyard' };
    expect(loadConfig(base)).toMatchObject({
      RECONCILE_INTERVAL_MS: 60_000,
      ALERT_EVALUATION_INTERVAL_MS: 60_000,
      ALERT_DELIVERY_ATTEMPTS: 6,
      SPEND_SPIKE_FACTOR: 3,
      SPEND_SPIKE_MIN_NANO_USD: 5_000_000_000n,
      ERROR_RATE_WINDOW_MINUTES: 10,
    });
    expect(() =>
      loadConfig({
        ...base,
        SWITCHYARD_MASTER_KEYS: 'k1:short',
        RECONCILE_INTERVAL_MS: '10',
        ALERT_DELIVERY_ATTEMPTS: '0',
        SPEND_SPIKE_MIN_NANO_USD: '1.5',
        ERROR_RATE_THRESHOLD_PERCENT: '150',
      }),
    ).toThrow(
      /SWITCHYARD_MASTER_KEYS: .*32 bytes[\s\S]*RECONCILE_INTERVAL_MS[\s\S]*ALERT_DELIVERY_ATTEMPTS[\s\S]*SPEND_SPIKE_MIN_NANO_USD: must be a whole number[\s\S]*ERROR_RATE_THRESHOLD_PERCENT/,
    );
  });
});
