import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createFreshDatabase, type FreshDatabase } from './support/fresh-database.js';
import { GraphqlClient } from './support/graphql-client.js';
import './support/provided-context.js';

const appDirectory = fileURLToPath(new URL('..', import.meta.url));
const mainFile = `${appDirectory}dist/main.js`;

interface RunningProcess {
  child: ChildProcess;
  output: () => string;
  exited: Promise<number | null>;
}

function run(environment: Record<string, string>): RunningProcess {
  const child = spawn(process.execPath, [mainFile], {
    env: { PATH: process.env.PATH ?? '', ...environment },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, output: () => output, exited };
}

async function waitForOutput(
  running: RunningProcess,
  pattern: RegExp,
  timeoutMs = 30_000,
): Promise<RegExpMatchArray> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const match = running.output().match(pattern);
    if (match) return match;
    if (running.child.exitCode !== null) break;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`output never matched ${pattern}:\n${running.output()}`);
}

describe('the compiled control-plane process', () => {
  let database: FreshDatabase | undefined;
  const environment = () => ({
    DATABASE_URL: database?.url ?? '',
    REDIS_URL: inject('TEST_REDIS_URL'),
    SWITCHYARD_REDIS_PREFIX: `${inject('TEST_REDIS_PREFIX')}process:`,
    SWITCHYARD_MASTER_KEYS: `k1:${randomBytes(32).toString('base64')}`,
    CONTROL_PLANE_PORT: '0',
    NODE_ENV: 'production',
  });

  beforeAll(async () => {
    // Build what `node dist/main.js` runs, so the test covers the tsc output, not only the sources.
    await promisify(execFile)('npx', ['tsc', '-p', 'tsconfig.build.json'], { cwd: appDirectory });
    database = await createFreshDatabase('first_start');
  });
  afterAll(async () => {
    await database?.drop();
  });

  it('exits non-zero naming each missing variable', async () => {
    const running = run({});
    expect(await running.exited).toBe(1);
    expect(running.output()).toContain('DATABASE_URL');
    expect(running.output()).toContain('SWITCHYARD_MASTER_KEYS');
    expect(running.output()).not.toContain('    at ');
  });

  it('prints a first platform-admin token once, serves with it, and stops cleanly on SIGTERM', async () => {
    const first = run(environment());
    const [, token] = await waitForOutput(first, /\n {2}(sya_\S+)\n/);
    const [, url] = await waitForOutput(first, /"url":"(http:\/\/[^"]+)"/);
    const client = new GraphqlClient(url ?? '', token);
    expect((await client.ok<{ me: { role: string } }>('{ me { role } }')).me.role).toBe(
      'PLATFORM_ADMIN',
    );
    first.child.kill('SIGTERM');
    expect(await first.exited).toBe(0);

    const second = run(environment());
    await waitForOutput(second, /control plane listening/);
    expect(second.output()).not.toContain('First platform-admin token');
    second.child.kill('SIGINT');
    expect(await second.exited).toBe(0);
  });
});
