// Profiles the gateway under saturation (`node scripts/bench/profile-gateway.mjs`): runs it with
// --cpu-prof on core 1, loads it from core 0 for a few seconds, then prints where its CPU went
// (self time by function and by module). For finding hot-path costs before changing them.
import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { SnapshotBuilder, createTestKeyRing } from '@switchyard/testkit';
import { maxThroughput } from './load.mjs';
import { withDataPlaneNodeOptions } from '../lib/data-plane-node-options.mjs';

const root = resolve(fileURLToPath(import.meta.url), '../../..');
execFileSync('taskset', ['-cp', '0', String(process.pid)], { stdio: 'ignore' });
const upstream = spawn(
  'taskset',
  ['-c', '0', process.execPath, join(root, 'scripts/bench/lean-upstream.mjs')],
  { stdio: ['ignore', 'pipe', 'inherit'] },
);
const port = await new Promise((resolvePort) =>
  upstream.stdout.once('data', (data) => resolvePort(Number(String(data).trim()))),
);
const { ring, text } = createTestKeyRing();
const builder = new SnapshotBuilder(ring);
const tenant = builder.tenant();
const { key } = builder.apiKey(tenant);
const account = builder.providerAccount({
  providerType: 'openai',
  baseUrl: `http://127.0.0.1:${port}/v1`,
  keys: ['sk'],
});
const model = builder.model({
  canonicalId: 'gpt-4.1-nano-2025-04-14',
  providerType: 'openai',
  providerModelId: 'gpt-4.1-nano',
});
builder.deployment(model, account);
builder.alias('bench', model, tenant);
const directory = mkdtempSync(join(tmpdir(), 'sy-profile-'));
writeFileSync(join(directory, 'snapshot.json'), JSON.stringify(builder.build()));
const gateway = spawn(
  'taskset',
  [
    '-c',
    '1',
    process.execPath,
    '--cpu-prof',
    '--cpu-prof-dir',
    directory,
    join(root, 'apps/data-plane/dist/server.cjs'),
  ],
  {
    env: {
      ...process.env,
      DATA_PLANE_PORT: '18555',
      SWITCHYARD_SNAPSHOT_FILE: join(directory, 'snapshot.json'),
      SWITCHYARD_MASTER_KEYS: text,
      SWITCHYARD_REDIS_PREFIX: `sy:profile:${process.pid}:`,
      LOG_LEVEL: 'warn',
      REQUEST_LOGGING: 'false',
      USAGE_SPOOL_DIR: join(directory, 'spool'),
      NODE_OPTIONS: withDataPlaneNodeOptions(process.env.NODE_OPTIONS),
    },
    stdio: 'inherit',
  },
);
const launchedAt = performance.now();
await new Promise((resolveWait) => setTimeout(resolveWait, 1500));
const body = JSON.stringify({
  model: 'bench',
  messages: [{ role: 'user', content: 'Say hello.' }],
});
const headers = { authorization: `Bearer ${key}`, 'content-type': 'application/json' };
await maxThroughput('http://127.0.0.1:18555/v1/chat/completions', {
  seconds: 2,
  headers,
  body,
  concurrency: 32,
});
const steadyAfterMs = performance.now() - launchedAt;
console.log(
  await maxThroughput('http://127.0.0.1:18555/v1/chat/completions', {
    seconds: 6,
    headers,
    body,
    concurrency: 32,
  }),
);
gateway.kill('SIGINT');
await new Promise((resolveExit) => gateway.once('exit', resolveExit));
upstream.kill();
console.log(`profile in ${directory}`);
const profile = JSON.parse(
  readFileSync(
    join(
      directory,
      readdirSync(directory).find((file) => file.endsWith('.cpuprofile')),
    ),
    'utf8',
  ),
);
const nodes = new Map(profile.nodes.map((node) => [node.id, node]));
const byFunction = new Map();
const byModule = new Map();
let total = 0;
// Only the measured run counts: startup (module loading) and the warm-up come first.
const steadyFrom = profile.startTime + steadyAfterMs * 1000;
let clock = profile.startTime;
const steady = profile.samples.map((_id, index) => {
  clock += profile.timeDeltas[index] ?? 0;
  return clock >= steadyFrom;
});
profile.samples.forEach((id, index) => {
  if (!steady[index]) return;
  const node = nodes.get(id);
  const delta = profile.timeDeltas[index] ?? 0;
  const url = node.callFrame.url;
  const name = `${node.callFrame.functionName || '(anonymous)'} ${url.split('/').slice(-2).join('/')}:${node.callFrame.lineNumber}`;
  const module = url.includes('node_modules/')
    ? url
        .split('node_modules/')
        .at(-1)
        .split('/')
        .slice(0, url.includes('node_modules/@') ? 2 : 1)
        .join('/')
    : url.includes('/dist/')
      ? url.split('/').slice(-3).join('/')
      : url || node.callFrame.functionName;
  byFunction.set(name, (byFunction.get(name) ?? 0) + delta);
  byModule.set(module, (byModule.get(module) ?? 0) + delta);
  total += delta;
});
const print = (title, map, count) => {
  console.log(`\n${title}`);
  for (const [name, time] of [...map.entries()].sort((a, b) => b[1] - a[1]).slice(0, count))
    console.log(`${((100 * time) / total).toFixed(1).padStart(5)}%  ${name}`);
};
print('self time by function', byFunction, 35);
print('self time by module', byModule, 25);

// Who calls the suspicious frames (file opens, module compilation) during steady state?
const parents = new Map();
for (const node of profile.nodes)
  for (const child of node.children ?? []) parents.set(child, node.id);
const suspects = new Map();
profile.samples.forEach((id, index) => {
  const node = nodes.get(id);
  if (
    !/openFileHandle|wrapSafe|compileSourceTextModule|readFileHandle/.test(
      node.callFrame.functionName,
    )
  )
    return;
  const chain = [];
  for (
    let current = parents.get(id);
    current !== undefined && chain.length < 12;
    current = parents.get(current)
  ) {
    const frame = nodes.get(current).callFrame;
    chain.push(
      `${frame.functionName || '(anonymous)'}@${frame.url.split('/').slice(-2).join('/')}`,
    );
  }
  const key = `${node.callFrame.functionName} <- ${chain.join(' <- ')}`;
  suspects.set(key, (suspects.get(key) ?? 0) + (profile.timeDeltas[index] ?? 0));
});
print('file and module work by call chain', suspects, 6);
