// `npm run bench`: the gateway's own overhead, measured side by side against calling the same
// upstream directly, in one run. The gateway is pinned to core 1; this load generator and the
// upstream to core 0. Authentication, policy lookup (a three-rule policy) and usage events are
// on, as in production. Prints a table and writes bench-results/latest.json.
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildBenchSnapshot } from './bench/bench-snapshot.mjs';
import { withDataPlaneNodeOptions } from './lib/data-plane-node-options.mjs';
import {
  cpuMs,
  deleteKeys,
  freePort,
  pin,
  rssMb,
  startBenchRedis,
  waitFor,
} from './bench/bench-processes.mjs';
import { maxThroughput, openLoop, percentile, timeToFirstChunk } from './bench/load.mjs';

const root = resolve(fileURLToPath(import.meta.url), '../..');
const quick = process.argv.includes('--quick');
const seconds = quick ? 3 : 10;
const warmUpSeconds = quick ? 2 : 6;
const prefix = `sy:bench:${process.pid}:`;
function row(label, { direct, bare, gateway, added, target = '', met, digits = 3 }) {
  const cell = (value) => (value === undefined ? '' : value.toFixed(digits)).padStart(10);
  const verdict = met === undefined ? '' : met ? 'yes' : 'no';
  return `| ${label.padEnd(34)} | ${cell(direct)} | ${cell(bare)} | ${cell(gateway)} | ${cell(added)} | ${target.padEnd(11)} | ${verdict.padEnd(3)} |`;
}

/**
 * The same load against a bare Fastify + undici passthrough on the gateway's core: the floor any
 * gateway built on these libraries starts from, so the table separates our work from theirs.
 */
async function measureBare(upstreamUrl, { rate, seconds, body }) {
  const port = await freePort();
  const bare = spawn(
    'taskset',
    ['-c', '1', process.execPath, join(root, 'scripts/bench/bare-passthrough.mjs')],
    {
      env: {
        ...process.env,
        PORT: String(port),
        UPSTREAM_ORIGIN: upstreamUrl,
        // The same runtime settings as the gateway, so the columns differ only in our code.
        NODE_OPTIONS: withDataPlaneNodeOptions(process.env.NODE_OPTIONS),
      },
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  try {
    await new Promise((resolveReady) => bare.stdout.once('data', resolveReady));
    const target = `http://127.0.0.1:${port}/v1/chat/completions`;
    const headers = { 'content-type': 'application/json' };
    await maxThroughput(target, { seconds: warmUpSeconds, headers, body });
    const cpuAtStart = cpuMs(bare.pid);
    const atRate = await openLoop(target, { rate, seconds, headers, body });
    const cpuAtRate = (cpuMs(bare.pid) - cpuAtStart) / atRate.total;
    const cpuBeforeMax = cpuMs(bare.pid);
    const saturated = await maxThroughput(target, { seconds, headers, body });
    return {
      p50: percentile(atRate.latencies, 50),
      p99: percentile(atRate.latencies, 99),
      maxRps: saturated.rps,
      cpuAtRate,
      cpuSaturated: (cpuMs(bare.pid) - cpuBeforeMax) / saturated.requests,
      rss: rssMb(bare.pid),
    };
  } finally {
    bare.kill('SIGTERM');
  }
}

async function main() {
  pin(process.pid, 0);
  const benchRedis = await startBenchRedis();
  const redisUrl = benchRedis.url;
  const children = [];
  const cleanup = () =>
    children.forEach((child) => child.exitCode === null && child.kill('SIGTERM'));
  process.on('exit', cleanup);
  try {
    const upstream = spawn(
      'taskset',
      ['-c', '0', process.execPath, join(root, 'scripts/bench/lean-upstream.mjs')],
      { stdio: ['ignore', 'pipe', 'inherit'] },
    );
    children.push(upstream);
    const upstreamPort = await new Promise((resolvePort) =>
      upstream.stdout.once('data', (data) => resolvePort(Number(String(data).trim()))),
    );
    const upstreamUrl = `http://127.0.0.1:${upstreamPort}`;

    const { snapshot, masterKeys, key } = buildBenchSnapshot(upstreamUrl);
    const directory = mkdtempSync(join(tmpdir(), 'sy-bench-'));
    const snapshotFile = join(directory, 'snapshot.json');
    writeFileSync(snapshotFile, JSON.stringify(snapshot));
    const gatewayPort = await freePort();
    const gateway = spawn(
      'taskset',
      ['-c', '1', process.execPath, join(root, 'apps/data-plane/dist/server.cjs')],
      {
        env: {
          ...process.env,
          DATA_PLANE_PORT: String(gatewayPort),
          SWITCHYARD_SNAPSHOT_FILE: snapshotFile,
          SWITCHYARD_MASTER_KEYS: masterKeys,
          SWITCHYARD_REDIS_PREFIX: prefix,
          REDIS_URL: redisUrl,
          USAGE_SPOOL_DIR: join(directory, 'spool'),
          LOG_LEVEL: 'warn',
          REQUEST_LOGGING: process.env.BENCH_REQUEST_LOGGING ?? 'false',
          NODE_ENV: 'production',
          NODE_OPTIONS: withDataPlaneNodeOptions(process.env.NODE_OPTIONS),
        },
        stdio: ['ignore', 'ignore', 'inherit'],
      },
    );
    children.push(gateway);
    const gatewayUrl = `http://127.0.0.1:${gatewayPort}`;
    await waitFor(`${gatewayUrl}/readyz`);
    // taskset execs node in place, so the child's pid is the gateway's.
    const gatewayPid = gateway.pid;

    const requestBody = JSON.stringify({
      model: 'bench',
      messages: [{ role: 'user', content: 'Say hello.' }],
    });
    const directBody = JSON.stringify({
      model: 'gpt-4.1-nano',
      messages: [{ role: 'user', content: 'Say hello.' }],
    });
    const streamBody = JSON.stringify({
      model: 'bench',
      stream: true,
      messages: [{ role: 'user', content: 'Say hello.' }],
    });
    const directStreamBody = JSON.stringify({
      model: 'gpt-4.1-nano',
      stream: true,
      stream_options: { include_usage: true },
      messages: [{ role: 'user', content: 'Say hello.' }],
    });
    const gatewayHeaders = { authorization: `Bearer ${key}`, 'content-type': 'application/json' };
    const directHeaders = { authorization: 'Bearer sk-bench', 'content-type': 'application/json' };
    const directTarget = `${upstreamUrl}/v1/chat/completions`;
    const gatewayTarget = `${gatewayUrl}/v1/chat/completions`;

    console.log(`warming up (${quick ? 'quick' : 'full'} run)…`);
    await maxThroughput(directTarget, {
      seconds: 2,
      headers: directHeaders,
      body: directBody,
      concurrency: 16,
    });
    // Steady state, as a long-running gateway is: hot paths optimised by the JIT, heap settled.
    await maxThroughput(gatewayTarget, {
      seconds: warmUpSeconds,
      headers: gatewayHeaders,
      body: requestBody,
    });

    const rate = 1000;
    console.log(`open loop at ${rate} req/s for ${seconds}s: direct, then through the gateway…`);
    const direct = await openLoop(directTarget, {
      rate,
      seconds,
      headers: directHeaders,
      body: directBody,
    });
    const cpuBefore = cpuMs(gatewayPid);
    const viaGateway = await openLoop(gatewayTarget, {
      rate,
      seconds,
      headers: gatewayHeaders,
      body: requestBody,
    });
    const cpuPerRequest = (cpuMs(gatewayPid) - cpuBefore) / viaGateway.total;

    console.log('saturation throughput…');
    const directMax = await maxThroughput(directTarget, {
      seconds,
      headers: directHeaders,
      body: directBody,
    });
    const cpuBeforeMax = cpuMs(gatewayPid);
    const gatewayMax = await maxThroughput(gatewayTarget, {
      seconds,
      headers: gatewayHeaders,
      body: requestBody,
    });
    const cpuPerRequestMax = (cpuMs(gatewayPid) - cpuBeforeMax) / gatewayMax.requests;

    console.log('streaming time to first chunk…');
    const count = quick ? 200 : 1000;
    const directTtfc = await timeToFirstChunk(directTarget, {
      count,
      headers: directHeaders,
      body: directStreamBody,
    });
    const gatewayTtfc = await timeToFirstChunk(gatewayTarget, {
      count,
      headers: gatewayHeaders,
      body: streamBody,
    });
    const rss = rssMb(gatewayPid);
    gateway.kill('SIGTERM');
    await new Promise((resolveExit) => gateway.once('exit', resolveExit));

    console.log('reference: bare Fastify + undici passthrough on the same core…');
    const bare = await measureBare(upstreamUrl, { rate, seconds, body: requestBody });

    const results = {
      date: new Date().toISOString(),
      rate,
      seconds,
      latencyMs: {
        direct: { p50: percentile(direct.latencies, 50), p99: percentile(direct.latencies, 99) },
        gateway: {
          p50: percentile(viaGateway.latencies, 50),
          p99: percentile(viaGateway.latencies, 99),
        },
      },
      errors: { direct: direct.errors, gateway: viaGateway.errors, gatewayMax: gatewayMax.errors },
      maxRps: { direct: directMax.rps, gateway: gatewayMax.rps },
      cpuMsPerRequest: { atRate: cpuPerRequest, saturated: cpuPerRequestMax },
      rssMb: rss,
      bare,
      ttfcMs: { direct: percentile(directTtfc, 50), gateway: percentile(gatewayTtfc, 50) },
    };
    const added = (gatewayValue, directValue) => gatewayValue - directValue;
    const lines = [
      '| measure                            |     direct |  bare ref. |    gateway |      added | target      | met |',
      '| ---------------------------------- | ---------: | ---------: | ---------: | ---------: | ----------- | --- |',
      row(`latency p50 @ ${rate} req/s (ms)`, {
        direct: results.latencyMs.direct.p50,
        bare: bare.p50,
        gateway: results.latencyMs.gateway.p50,
        added: added(results.latencyMs.gateway.p50, results.latencyMs.direct.p50),
        target: 'added ≤ 0.7',
        met: added(results.latencyMs.gateway.p50, results.latencyMs.direct.p50) <= 0.7,
      }),
      row(`latency p99 @ ${rate} req/s (ms)`, {
        direct: results.latencyMs.direct.p99,
        bare: bare.p99,
        gateway: results.latencyMs.gateway.p99,
        added: added(results.latencyMs.gateway.p99, results.latencyMs.direct.p99),
        target: 'added ≤ 3',
        met: added(results.latencyMs.gateway.p99, results.latencyMs.direct.p99) <= 3,
      }),
      row('max throughput, 1 core (req/s)', {
        direct: results.maxRps.direct,
        bare: bare.maxRps,
        gateway: results.maxRps.gateway,
        target: '≥ 5000',
        met: results.maxRps.gateway >= 5000,
        digits: 0,
      }),
      row('CPU per request, saturated (ms)', {
        bare: bare.cpuSaturated,
        gateway: cpuPerRequestMax,
        target: '≤ 0.19',
        met: cpuPerRequestMax <= 0.19,
      }),
      row(`CPU per request @ ${rate} req/s (ms)`, {
        bare: bare.cpuAtRate,
        gateway: cpuPerRequest,
      }),
      row('RSS after the run (MB)', {
        bare: bare.rss,
        gateway: rss,
        target: '≤ 150',
        met: rss <= 150,
        digits: 1,
      }),
      row('stream: first chunk p50 (ms)', {
        direct: results.ttfcMs.direct,
        gateway: results.ttfcMs.gateway,
        added: added(results.ttfcMs.gateway, results.ttfcMs.direct),
        target: 'added ≤ 1',
        met: added(results.ttfcMs.gateway, results.ttfcMs.direct) <= 1,
      }),
    ];
    console.log('\n' + lines.join('\n'));
    console.log(
      `\nerrors: direct ${direct.errors}, gateway ${viaGateway.errors} (open loop), ${gatewayMax.errors} (saturation)`,
    );
    mkdirSync(join(root, 'bench-results'), { recursive: true });
    writeFileSync(join(root, 'bench-results/latest.json'), JSON.stringify(results, null, 2));
    writeFileSync(join(root, 'bench-results/latest.md'), lines.join('\n') + '\n');
  } finally {
    cleanup();
    await deleteKeys(benchRedis.url, prefix);
    benchRedis.stop();
  }
}

main().then(
  () => process.exit(0),
  (error) => {
    console.error(error);
    process.exit(1);
  },
);
