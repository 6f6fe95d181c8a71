// `npm run bench:compare -- <before> <after> [--rounds 3] [--seconds 6]
// [--before-node-options '…'] [--after-node-options '…'] [--before-env 'K=V …'] [--after-env …]`:
// CPU per request of two data-plane builds, or of one build under two NODE_OPTIONS (default: the
// data plane's own, scripts/lib/data-plane-node-options.mjs) or two settings. A build is a
// directory holding a built server.cjs (or an older build's server.js): typically a copy taken
// before a change (`cp -r apps/data-plane/dist apps/data-plane/dist-before`; it must sit beside
// dist to resolve the same node_modules; `dist-*/` is git-ignored) and apps/data-plane/dist.
// This machine's speed drifts by up to 2× from one minute to the next, so builds measured one
// after the other cannot be compared. Here both run on core 1 at the same time and are loaded
// equally from core 0, so every slowdown hits both; each round gives a ratio, and the median of
// the rounds is the answer. Same policy, Redis and usage events as `npm run bench`.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { buildBenchSnapshot } from './bench-snapshot.mjs';
import { dataPlaneNodeOptions } from '../lib/data-plane-node-options.mjs';
import { cpuMs, deleteKeys, freePort, pin, startBenchRedis, waitFor } from './bench-processes.mjs';
import { maxThroughput } from './load.mjs';

const root = resolve(fileURLToPath(import.meta.url), '../../..');
const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    rounds: { type: 'string', default: '3' },
    seconds: { type: 'string', default: '6' },
    'before-node-options': { type: 'string', default: dataPlaneNodeOptions },
    'after-node-options': { type: 'string', default: dataPlaneNodeOptions },
    'before-env': { type: 'string', default: '' },
    'after-env': { type: 'string', default: '' },
  },
});
if (positionals.length !== 2) {
  console.error('usage: compare-builds.mjs <before-dist-dir> <after-dist-dir> [--rounds N]');
  process.exit(2);
}
const entryOf = (dir) =>
  existsSync(join(resolve(dir), 'server.cjs'))
    ? join(resolve(dir), 'server.cjs')
    : join(resolve(dir), 'server.js');
const nodeOptions = [values['before-node-options'], values['after-node-options']];
const environments = [values['before-env'], values['after-env']].map((text) =>
  Object.fromEntries(
    text
      .split(/\s+/)
      .filter(Boolean)
      .map((pair) => [pair.slice(0, pair.indexOf('=')), pair.slice(pair.indexOf('=') + 1)]),
  ),
);
const builds = positionals.map((dir, index) => ({
  name: dir,
  server: entryOf(dir),
  nodeOptions: nodeOptions[index],
  environment: environments[index],
}));
const rounds = Number(values.rounds);
const seconds = Number(values.seconds);
const prefix = `sy:compare:${process.pid}:`;
const median = (list) => [...list].sort((a, b) => a - b)[Math.floor(list.length / 2)];

async function main() {
  pin(process.pid, 0);
  const redis = await startBenchRedis();
  const upstream = spawn(
    'taskset',
    ['-c', '0', process.execPath, join(root, 'scripts/bench/lean-upstream.mjs')],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  const gateways = [];
  try {
    const upstreamPort = await new Promise((resolvePort) =>
      upstream.stdout.once('data', (data) => resolvePort(Number(String(data).trim()))),
    );
    const { snapshot, masterKeys, key } = buildBenchSnapshot(`http://127.0.0.1:${upstreamPort}`);
    const directory = mkdtempSync(join(tmpdir(), 'sy-compare-'));
    writeFileSync(join(directory, 'snapshot.json'), JSON.stringify(snapshot));
    const headers = { authorization: `Bearer ${key}`, 'content-type': 'application/json' };
    const body = JSON.stringify({ model: 'bench', messages: [{ role: 'user', content: 'Hi.' }] });
    const ratios = [];
    console.log('| round | CPU/request before (ms) | CPU/request after (ms) | after ÷ before |');
    console.log('| ----: | ----------------------: | ---------------------: | -------------: |');
    for (let round = 1; round <= rounds; round++) {
      for (const build of builds) {
        const port = await freePort();
        const child = spawn('taskset', ['-c', '1', process.execPath, build.server], {
          env: {
            ...process.env,
            DATA_PLANE_PORT: String(port),
            SWITCHYARD_SNAPSHOT_FILE: join(directory, 'snapshot.json'),
            SWITCHYARD_MASTER_KEYS: masterKeys,
            SWITCHYARD_REDIS_PREFIX: `${prefix}${port}:`,
            REDIS_URL: redis.url,
            USAGE_SPOOL_DIR: join(directory, `spool-${port}`),
            LOG_LEVEL: 'warn',
            REQUEST_LOGGING: 'false',
            NODE_ENV: 'production',
            NODE_OPTIONS: build.nodeOptions,
            ...build.environment,
          },
          stdio: ['ignore', 'ignore', 'inherit'],
        });
        gateways.push(child);
        await waitFor(`http://127.0.0.1:${port}/readyz`);
        build.current = { child, url: `http://127.0.0.1:${port}/v1/chat/completions` };
      }
      const load = (runSeconds) =>
        Promise.all(
          builds.map(({ current }) =>
            maxThroughput(current.url, { seconds: runSeconds, headers, body, concurrency: 32 }),
          ),
        );
      await load(5);
      const before = builds.map(({ current }) => cpuMs(current.child.pid));
      const results = await load(seconds);
      const perRequest = builds.map(
        ({ current }, index) =>
          (cpuMs(current.child.pid) - before[index]) / results[index].requests,
      );
      ratios.push(perRequest[1] / perRequest[0]);
      console.log(
        `| ${String(round).padStart(5)} | ${perRequest[0].toFixed(4).padStart(23)} | ${perRequest[1].toFixed(4).padStart(22)} | ${ratios.at(-1).toFixed(3).padStart(14)} |`,
      );
      for (const { current } of builds) {
        current.child.kill('SIGTERM');
        await new Promise((resolveExit) => current.child.once('exit', resolveExit));
      }
    }
    console.log(`\nafter ÷ before, median of ${rounds} rounds: ${median(ratios).toFixed(3)}`);
  } finally {
    for (const child of gateways) if (child.exitCode === null) child.kill('SIGTERM');
    upstream.kill('SIGTERM');
    await deleteKeys(redis.url, prefix);
    redis.stop();
  }
}

main().then(
  () => process.exit(0),
  (error) => {
    console.error(error);
    process.exit(1);
  },
);
