import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import OpenAI from 'openai';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';

const root = resolve(import.meta.dirname, '../..');
const demoKey = `sy-e2etest1-${'k'.repeat(43)}`;

function freePort(): Promise<number> {
  return new Promise((resolvePort) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolvePort(port));
    });
  });
}

interface RunningUp {
  child: ChildProcess;
  output: () => string;
  gatewayUrl: string;
  postgresPort: number;
}

/** Runs `npm run up`'s script exactly as a user would, on free ports, until it says it is up. */
async function startUp(dataDir: string): Promise<RunningUp> {
  const [gateway, control, worker, demo, postgres, redis] = await Promise.all(
    Array.from({ length: 6 }, freePort),
  );
  let output = '';
  const child = spawn(process.execPath, [join(root, 'scripts/up.mjs')], {
    cwd: root,
    env: {
      ...process.env,
      DATABASE_URL: '',
      REDIS_URL: '',
      SWITCHYARD_DATA_DIR: dataDir,
      SWITCHYARD_SKIP_BUILD: 'true',
      SWITCHYARD_DEMO_API_KEY: demoKey,
      SWITCHYARD_ADMIN_TOKEN: 'sy-admin-e2e-token-0123456789abcdef',
      DATA_PLANE_PORT: String(gateway),
      CONTROL_PLANE_PORT: String(control),
      WORKER_PORT: String(worker),
      DEMO_PROVIDER_PORT: String(demo),
      EMBEDDED_POSTGRES_PORT: String(postgres),
      LOCAL_REDIS_PORT: String(redis),
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout!.on('data', (data: Buffer) => (output += data.toString()));
  child.stderr!.on('data', (data: Buffer) => (output += data.toString()));
  await new Promise<void>((resolveUp, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`npm run up did not come up in time:\n${output}`)),
      150_000,
    );
    const check = () => {
      if (output.includes('Switchyard is up.')) {
        clearTimeout(timer);
        resolveUp();
      }
    };
    child.stdout!.on('data', check);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`npm run up exited with ${code}:\n${output}`));
    });
  });
  return {
    child,
    output: () => output,
    gatewayUrl: `http://127.0.0.1:${gateway}/v1`,
    postgresPort: postgres,
  };
}

async function stop(running: RunningUp): Promise<number | null> {
  const exited = new Promise<number | null>((resolveExit) =>
    running.child.once('exit', (code) => resolveExit(code)),
  );
  running.child.kill('SIGINT');
  return exited;
}

async function countRows(postgresPort: number, table: string): Promise<number> {
  const client = new pg.Client({
    connectionString: `postgresql://postgres:postgres@127.0.0.1:${postgresPort}/switchyard`,
  });
  await client.connect();
  try {
    const result = await client.query<{ count: string }>(
      `SELECT count(*)::text AS count FROM ${table}`,
    );
    return Number(result.rows[0]!.count);
  } finally {
    await client.end();
  }
}

describe('npm run up on a fresh machine (embedded Postgres, local redis-server)', () => {
  let dataDir: string | undefined;
  let running: RunningUp | undefined;

  afterAll(async () => {
    if (running && running.child.exitCode === null) await stop(running);
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  });

  it('starts everything, answers a chat request from the OpenAI SDK, records usage, and stops cleanly on Ctrl-C', async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'sy-up-'));
    running = await startUp(dataDir);
    expect(running.output()).toContain(running.gatewayUrl);
    expect(running.output()).toContain('curl ');

    const client = new OpenAI({ baseURL: running.gatewayUrl, apiKey: demoKey, maxRetries: 0 });
    const completion = await client.chat.completions.create({
      model: 'demo',
      messages: [{ role: 'user', content: 'Hello, Switchyard!' }],
    });
    expect(completion.choices[0]?.message.content).toContain('demo provider');

    // The usage event travels data plane → Redis → worker → Postgres.
    let logged = 0;
    for (let attempt = 0; attempt < 50 && logged === 0; attempt++) {
      logged = await countRows(running.postgresPort, 'request_logs');
      if (logged === 0) await new Promise((resolveWait) => setTimeout(resolveWait, 200));
    }
    expect(logged).toBe(1);

    expect(await stop(running)).toBe(0);
  });

  it('reuses the data on a second run without duplicating the seed', async () => {
    running = await startUp(dataDir!);
    expect(await countRows(running.postgresPort, 'tenants')).toBe(1);
    expect(await countRows(running.postgresPort, 'api_keys')).toBe(1);
    expect(await countRows(running.postgresPort, 'deployments')).toBe(1);
    const client = new OpenAI({ baseURL: running.gatewayUrl, apiKey: demoKey, maxRetries: 0 });
    const completion = await client.chat.completions.create({
      model: 'demo',
      messages: [{ role: 'user', content: 'again' }],
    });
    expect(completion.choices[0]?.message.content).toMatch(/\S/);
    expect(await stop(running)).toBe(0);
  });

  it('says clearly when a port is already taken', async () => {
    const blocker = createServer();
    const port = await new Promise<number>((resolvePort) =>
      blocker.listen(0, '127.0.0.1', () =>
        resolvePort((blocker.address() as { port: number }).port),
      ),
    );
    try {
      const child = spawn(process.execPath, [join(root, 'scripts/up.mjs')], {
        cwd: root,
        env: { ...process.env, SWITCHYARD_SKIP_BUILD: 'true', DATA_PLANE_PORT: String(port) },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let output = '';
      child.stdout.on('data', (data: Buffer) => (output += data.toString()));
      child.stderr.on('data', (data: Buffer) => (output += data.toString()));
      const code = await new Promise<number | null>((resolveExit) =>
        child.once('exit', resolveExit),
      );
      expect(code).toBe(1);
      expect(output).toContain(`Port ${port} is already in use (DATA_PLANE_PORT)`);
      expect(output).not.toMatch(/\n\s+at /);
    } finally {
      blocker.close();
    }
  });
});
