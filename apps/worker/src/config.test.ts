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
});
