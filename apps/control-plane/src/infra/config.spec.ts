import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config.js';

const key = Buffer.alloc(32, 7).toString('base64');
const valid = {
  DATABASE_URL: 'postgresql://postgres@127.0.0.1:5432/switchyard',
  SWITCHYARD_MASTER_KEYS: `k1:${key}`,
};

describe('loadConfig', () => {
  it('applies defaults', () => {
    const config = loadConfig(valid);
    expect(config).toMatchObject({
      redisUrl: 'redis://127.0.0.1:6379',
      redisPrefix: 'sy:',
      port: 8081,
      host: '127.0.0.1',
      logLevel: 'info',
      production: false,
      allowPrivateUpstreams: [],
      bootstrapAdminToken: undefined,
    });
    expect(config.masterKeys.currentKeyId).toBe('k1');
  });

  it('names every missing or malformed variable', () => {
    const attempt = () => loadConfig({ CONTROL_PLANE_PORT: 'eighty', LOG_LEVEL: 'loud' });
    expect(attempt).toThrow(ConfigError);
    expect(attempt).toThrow(
      /DATABASE_URL[\s\S]*SWITCHYARD_MASTER_KEYS[\s\S]*CONTROL_PLANE_PORT[\s\S]*LOG_LEVEL/,
    );
  });

  it('rejects a master key that is not 32 bytes', () => {
    expect(() => loadConfig({ ...valid, SWITCHYARD_MASTER_KEYS: 'k1:c2hvcnQ=' })).toThrow(
      /SWITCHYARD_MASTER_KEYS: key 'k1' must be 32 bytes/,
    );
  });

  it('parses the private-upstream allowlist and production mode', () => {
    const config = loadConfig({
      ...valid,
      SWITCHYARD_ALLOW_PRIVATE_UPSTREAMS: '127.0.0.1, 10.0.0.0/8 ,',
      NODE_ENV: 'production',
    });
    expect(config.allowPrivateUpstreams).toEqual(['127.0.0.1', '10.0.0.0/8']);
    expect(config.production).toBe(true);
  });
});
