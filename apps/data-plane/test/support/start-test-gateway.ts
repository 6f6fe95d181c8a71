import '@switchyard/testkit';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { PolicySnapshot } from '@switchyard/policy';
import { inject } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { startDataPlane } from '../../src/main.js';

export interface TestGateway {
  url: string;
  /** `${url}/v1`, what SDK clients take as baseURL. */
  baseUrl: string;
  spoolDirectory: string;
  close(): Promise<void>;
}

/**
 * Starts a real data plane on an ephemeral port, serving the given snapshot from a file, with
 * usage events going to this test run's Redis prefix.
 */
export async function startTestGateway(
  snapshot: PolicySnapshot,
  masterKeys: string,
  extraEnvironment: Record<string, string> = {},
): Promise<TestGateway> {
  const directory = await mkdtemp(join(tmpdir(), 'sy-gateway-'));
  const snapshotFile = join(directory, 'snapshot.json');
  await writeFile(snapshotFile, JSON.stringify(snapshot));
  const spoolDirectory = join(directory, 'spool');
  const config = loadConfig({
    DATA_PLANE_PORT: '0',
    REDIS_URL: inject('TEST_REDIS_URL'),
    SWITCHYARD_REDIS_PREFIX: inject('TEST_REDIS_PREFIX'),
    SWITCHYARD_MASTER_KEYS: masterKeys,
    SWITCHYARD_SNAPSHOT_FILE: snapshotFile,
    USAGE_SPOOL_DIR: spoolDirectory,
    LOG_LEVEL: 'silent',
    ...extraEnvironment,
  });
  const running = await startDataPlane(config);
  return {
    url: running.url,
    baseUrl: `${running.url}/v1`,
    spoolDirectory,
    async close() {
      await running.close();
      await rm(directory, { recursive: true, force: true });
    },
  };
}
