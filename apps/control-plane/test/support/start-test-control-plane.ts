import { randomBytes } from 'node:crypto';
import { inject } from 'vitest';
import './provided-context.js';
import { createControlPlane, type ControlPlane } from '../../src/create-control-plane.js';
import { loadConfig, type ControlPlaneConfig } from '../../src/infra/config.js';

export interface TestControlPlane extends ControlPlane {
  config: ControlPlaneConfig;
  /** Platform-admin token registered through SWITCHYARD_ADMIN_TOKEN. */
  adminToken: string;
  /** Base64 of the master key, for tests that open sealed secrets. */
  masterKeys: string;
}

/**
 * Starts a real control plane in-process on an ephemeral port, against the run's migrated
 * database and a Redis prefix of its own, with 127.0.0.1 allowlisted as an upstream.
 */
export async function startTestControlPlane(
  environment: Record<string, string> = {},
): Promise<TestControlPlane> {
  const adminToken =
    environment.SWITCHYARD_ADMIN_TOKEN ?? `test-admin-${randomBytes(24).toString('base64url')}`;
  const masterKeys =
    environment.SWITCHYARD_MASTER_KEYS ?? `test-key:${randomBytes(32).toString('base64')}`;
  const config = loadConfig({
    DATABASE_URL: inject('TEST_DATABASE_URL'),
    REDIS_URL: inject('TEST_REDIS_URL'),
    SWITCHYARD_REDIS_PREFIX: `${inject('TEST_REDIS_PREFIX')}${randomBytes(4).toString('hex')}:`,
    SWITCHYARD_MASTER_KEYS: masterKeys,
    SWITCHYARD_ADMIN_TOKEN: adminToken,
    CONTROL_PLANE_HOST: '127.0.0.1',
    CONTROL_PLANE_PORT: '0',
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
    NODE_ENV: 'test',
    SWITCHYARD_ALLOW_PRIVATE_UPSTREAMS: '127.0.0.1',
    ...environment,
  });
  const controlPlane = await createControlPlane(config);
  return Object.assign(controlPlane, { config, adminToken, masterKeys });
}
