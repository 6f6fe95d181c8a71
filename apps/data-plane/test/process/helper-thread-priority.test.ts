import { spawn } from 'node:child_process';
import { readFileSync, readdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { SnapshotBuilder, createTestKeyRing } from '@switchyard/testkit';
import { startGatewayProcess, type GatewayProcess } from '../support/start-gateway-process.js';

/** Nice value of each thread of `pid`, the main thread first. */
function threadNices(pid: number): { main: number; others: number[] } {
  const nices = new Map<number, number>();
  for (const thread of readdirSync(`/proc/${pid}/task`)) {
    const stat = readFileSync(`/proc/${pid}/task/${thread}/stat`, 'utf8');
    nices.set(Number(thread), Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[16]));
  }
  const main = nices.get(pid)!;
  nices.delete(pid);
  return { main, others: [...nices.values()] };
}

function snapshot() {
  const { ring, text } = createTestKeyRing();
  const builder = new SnapshotBuilder(ring);
  builder.apiKey(builder.tenant());
  return { json: JSON.stringify(builder.build()), masterKeys: text };
}

describe('the data-plane process entry', () => {
  let gateway: GatewayProcess | undefined;
  afterEach(async () => {
    await gateway?.close();
    gateway = undefined;
  });

  it("lowers V8's helper threads to nice 10 and leaves the event loop and libuv's pool alone", async () => {
    const { json, masterKeys } = snapshot();
    gateway = await startGatewayProcess(json, masterKeys);
    expect(gateway.alive()).toBe(true);
    const { main, others } = threadNices(gateway.pid);
    expect(main).toBe(0);
    // V8's platform workers plus Node's own helpers.
    expect(others.filter((nice) => nice === 10).length).toBeGreaterThanOrEqual(4);
    // libuv's pool (started by the ESM loader after the entry ran) keeps normal priority, so DNS
    // lookups and spool writes are never starved by a busy event loop.
    expect(others.filter((nice) => nice === 0).length).toBeGreaterThanOrEqual(1);
  });

  it('leaves every thread alone with HELPER_THREAD_NICE=0', async () => {
    const { json, masterKeys } = snapshot();
    gateway = await startGatewayProcess(json, masterKeys, { HELPER_THREAD_NICE: '0' });
    expect(gateway.alive()).toBe(true);
    const { main, others } = threadNices(gateway.pid);
    expect([main, ...others].every((nice) => nice === 0)).toBe(true);
  });

  it('refuses to start with a HELPER_THREAD_NICE outside 0–19 and names it', async () => {
    const { masterKeys } = snapshot();
    const child = spawn(process.execPath, [resolve(import.meta.dirname, '../../dist/server.cjs')], {
      env: {
        ...process.env,
        SWITCHYARD_MASTER_KEYS: masterKeys,
        SWITCHYARD_SNAPSHOT_FILE: '/nonexistent',
        HELPER_THREAD_NICE: '25',
        DATA_PLANE_PORT: '0',
      },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (data) => (stderr += String(data)));
    const code = await new Promise((resolveExit) => child.once('exit', resolveExit));
    expect(code).toBe(1);
    expect(stderr).toMatch(/HELPER_THREAD_NICE/);
  });
});
