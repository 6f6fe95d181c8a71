import { execFile, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';

const repoRoot = resolve(import.meta.dirname, '../../../..');
const serverEntry = join(repoRoot, 'apps/data-plane/dist/server.cjs');

export interface DataPlaneProcess {
  /** e.g. http://127.0.0.1:53211 (the OpenAI-compatible API is under /v1). */
  url: string;
  /** What the process wrote to stdout/stderr, for failure messages. */
  output(): string;
  close(): Promise<void>;
}

async function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolvePort(port));
    });
  });
}

/**
 * Compiles the data plane once if it has never been built (`npm test` builds everything first;
 * a stale build is not detected — rebuild after changing data-plane sources).
 */
async function ensureBuilt(): Promise<void> {
  if (existsSync(serverEntry)) return;
  const tsc = join(repoRoot, 'node_modules/typescript/bin/tsc');
  await promisify(execFile)(
    process.execPath,
    [tsc, '-p', join(repoRoot, 'apps/data-plane/tsconfig.build.json')],
    { cwd: repoRoot, timeout: 180_000 },
  );
}

export interface DataPlaneProcessOptions {
  redisUrl: string;
  /** The control plane's prefix: the data plane follows the snapshots it publishes there. */
  redisPrefix: string;
  /** The control plane's master keys, to open sealed upstream secrets. */
  masterKeys: string;
}

/**
 * Runs the built data plane (dist/server.cjs) as a real process that loads the policy snapshot
 * from Redis and follows the publish channel, and waits until it is ready (snapshot loaded).
 */
export async function startDataPlaneProcess(
  options: DataPlaneProcessOptions,
): Promise<DataPlaneProcess> {
  await ensureBuilt();
  const directory = await mkdtemp(join(tmpdir(), 'sy-e2e-dp-'));
  const port = await freePort();
  let output = '';
  const child = spawn(process.execPath, [serverEntry], {
    cwd: repoRoot,
    env: {
      ...process.env,
      DATA_PLANE_HOST: '127.0.0.1',
      DATA_PLANE_PORT: String(port),
      REDIS_URL: options.redisUrl,
      SWITCHYARD_REDIS_PREFIX: options.redisPrefix,
      SWITCHYARD_MASTER_KEYS: options.masterKeys,
      USAGE_SPOOL_DIR: join(directory, 'spool'),
      LOG_LEVEL: 'silent',
      REQUEST_LOGGING: 'false',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout.on('data', (data: Buffer) => (output += data.toString()));
  child.stderr.on('data', (data: Buffer) => (output += data.toString()));
  const url = `http://127.0.0.1:${port}`;
  const close = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      const exited = new Promise((resolveExit) => child.once('exit', resolveExit));
      child.kill('SIGTERM');
      await exited;
    }
    await rm(directory, { recursive: true, force: true });
  };
  const deadline = Date.now() + 20_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) break;
    try {
      if ((await fetch(`${url}/readyz`)).ok) return { url, output: () => output, close };
    } catch {
      // not listening yet
    }
    await new Promise((resolveWait) => setTimeout(resolveWait, 100));
  }
  await close();
  throw new Error(`the data plane did not become ready (exit ${child.exitCode}):\n${output}`);
}
