import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { inject } from 'vitest';

export interface GatewayProcess {
  baseUrl: string;
  url: string;
  pid: number;
  /** Resident memory of the gateway process, in MiB. */
  rssMb(): Promise<number>;
  /** True while the process is running (it did not crash). */
  alive(): boolean;
  close(): Promise<void>;
}

async function freePort(): Promise<number> {
  return new Promise((resolvePort) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const address = server.address() as { port: number };
      server.close(() => resolvePort(address.port));
    });
  });
}

/** Runs the built data plane (dist/server.cjs) as a real process on a snapshot file. */
export async function startGatewayProcess(
  snapshotJson: string,
  masterKeys: string,
  extraEnvironment: Record<string, string> = {},
): Promise<GatewayProcess> {
  const directory = await mkdtemp(join(tmpdir(), 'sy-gwp-'));
  await writeFile(join(directory, 'snapshot.json'), snapshotJson);
  const port = await freePort();
  const child = spawn(process.execPath, [resolve(import.meta.dirname, '../../dist/server.cjs')], {
    env: {
      ...process.env,
      DATA_PLANE_PORT: String(port),
      SWITCHYARD_SNAPSHOT_FILE: join(directory, 'snapshot.json'),
      SWITCHYARD_MASTER_KEYS: masterKeys,
      REDIS_URL: inject('TEST_REDIS_URL'),
      SWITCHYARD_REDIS_PREFIX: inject('TEST_REDIS_PREFIX'),
      USAGE_SPOOL_DIR: join(directory, 'spool'),
      LOG_LEVEL: 'silent',
      REQUEST_LOGGING: 'false',
      ...extraEnvironment,
    },
    stdio: 'ignore',
  });
  const url = `http://127.0.0.1:${port}`;
  for (let attempt = 0; attempt < 150; attempt++) {
    try {
      if ((await fetch(`${url}/readyz`)).ok) break;
    } catch {
      // not listening yet
    }
    await new Promise((resolveWait) => setTimeout(resolveWait, 100));
  }
  return {
    url,
    baseUrl: `${url}/v1`,
    pid: child.pid!,
    async rssMb() {
      const status = await readFile(`/proc/${child.pid}/status`, 'utf8');
      const line = status.split('\n').find((row) => row.startsWith('VmRSS:'))!;
      return Number(line.split(/\s+/)[1]) / 1024;
    },
    alive: () => child.exitCode === null && child.signalCode === null,
    async close() {
      if (child.exitCode === null) {
        const exited = new Promise((resolveExit) => child.once('exit', resolveExit));
        child.kill('SIGTERM');
        await exited;
      }
      await rm(directory, { recursive: true, force: true });
    },
  };
}
