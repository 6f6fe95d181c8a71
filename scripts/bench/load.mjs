// Load generation for the benchmark, with undici keep-alive pools.
// Open-loop: requests are scheduled at fixed intervals and each latency is measured from its
// *intended* start, so a stalled server cannot hide its queueing delay (coordinated omission).
import { Pool } from 'undici';

export function percentile(sorted, p) {
  if (sorted.length === 0) return NaN;
  const index = Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1);
  return sorted[Math.max(0, index)];
}

/** Fires `rate` requests/s for `seconds`; returns corrected latencies (ms) and error count. */
export async function openLoop(url, { rate, seconds, headers, body, connections = 64 }) {
  const origin = new URL(url).origin;
  const path = new URL(url).pathname;
  const pool = new Pool(origin, { connections, pipelining: 1, keepAliveTimeout: 60_000 });
  const total = Math.round(rate * seconds);
  const interval = 1000 / rate;
  const latencies = new Array(total);
  let errors = 0;
  const start = performance.now();
  const pending = [];
  for (let i = 0; i < total; i++) {
    const intended = start + i * interval;
    // Timers are only millisecond-precise: sleep most of the gap, then yield until the exact
    // instant, so no request leaves before its schedule (that would flatter the latencies).
    const wait = intended - performance.now();
    if (wait > 1.5) await new Promise((resolve) => setTimeout(resolve, wait - 1));
    while (performance.now() < intended) await new Promise((resolve) => setImmediate(resolve));
    pending.push(
      pool
        .request({ method: 'POST', path, headers, body })
        .then(async (response) => {
          await response.body.dump();
          if (response.statusCode !== 200) errors++;
          latencies[i] = performance.now() - intended;
        })
        .catch(() => {
          errors++;
          latencies[i] = performance.now() - intended;
        }),
    );
  }
  await Promise.all(pending);
  await pool.close();
  return {
    latencies: latencies.filter((value) => value !== undefined).sort((a, b) => a - b),
    errors,
    total,
  };
}

/** Closed-loop saturation: `concurrency` workers back to back for `seconds`; returns requests/s. */
export async function maxThroughput(url, { seconds, headers, body, concurrency = 64 }) {
  const origin = new URL(url).origin;
  const path = new URL(url).pathname;
  const pool = new Pool(origin, {
    connections: concurrency,
    pipelining: 1,
    keepAliveTimeout: 60_000,
  });
  let done = 0;
  let errors = 0;
  const deadline = performance.now() + seconds * 1000;
  const worker = async () => {
    while (performance.now() < deadline) {
      try {
        const response = await pool.request({ method: 'POST', path, headers, body });
        await response.body.dump();
        if (response.statusCode === 200) done++;
        else errors++;
      } catch {
        errors++;
      }
    }
  };
  const started = performance.now();
  await Promise.all(Array.from({ length: concurrency }, worker));
  const elapsed = (performance.now() - started) / 1000;
  await pool.close();
  return { rps: done / elapsed, errors, requests: done + errors };
}

/** Time to the first body chunk of `count` sequential streaming requests (ms, sorted). */
export async function timeToFirstChunk(url, { count, headers, body }) {
  const origin = new URL(url).origin;
  const path = new URL(url).pathname;
  const pool = new Pool(origin, { connections: 4, keepAliveTimeout: 60_000 });
  const times = [];
  for (let i = 0; i < count; i++) {
    const started = performance.now();
    const response = await pool.request({ method: 'POST', path, headers, body });
    let first = true;
    for await (const _chunk of response.body) {
      if (first) {
        times.push(performance.now() - started);
        first = false;
      }
    }
  }
  await pool.close();
  return times.sort((a, b) => a - b);
}
