// CommonJS so that the process entry (server.cts) can run it before the ESM loader starts.
import { readdirSync } from 'node:fs';
import { setPriority } from 'node:os';

/** Nice value given to helper threads unless HELPER_THREAD_NICE says otherwise. */
export const DEFAULT_HELPER_THREAD_NICE = 10;

/**
 * The nice value HELPER_THREAD_NICE asks for, or undefined when it is not an integer 0–19 (the
 * full configuration check then reports the variable by name and the process exits).
 */
export function helperThreadNiceFrom(value: string | undefined): number | undefined {
  if (value === undefined || value === '') return DEFAULT_HELPER_THREAD_NICE;
  const nice = Number(value);
  return Number.isInteger(nice) && nice >= 0 && nice <= 19 ? nice : undefined;
}

/**
 * Lowers the scheduling priority of every thread of process `pid` except its main thread, and
 * returns how many it lowered (0 where the OS has no per-thread priorities, i.e. not Linux).
 *
 * Why: at start a Node process's other threads are V8's platform workers (concurrent GC marking,
 * background JIT compiles) and Node's signal/inspector threads. On a core shared with the event
 * loop — one data plane per core is how we deploy it — the kernel treats a worker like the event
 * loop, and while workers marked the old generation the loop stood still for 30–60 ms at a time
 * (the benchmark's p99.9 at 1,000 req/s, even with a single worker).
 * At nice 10 a worker weighs ~1/9 of the event loop (110 vs 1024), so the loop wins the core
 * whenever it has work, while marking, sweeping and JIT compiles still progress under full load.
 * (Nice 19 starved them there: RSS grew ~10 MB and a process sharing its core stayed unoptimised.)
 * Threads created later inherit the priority of the thread that creates them, so libuv's pool
 * (DNS lookups, spool writes) keeps normal priority provided this runs before it starts.
 */
export function lowerHelperThreadPriority(nice: number, pid: number = process.pid): number {
  let threadIds: string[];
  try {
    threadIds = readdirSync(`/proc/${pid}/task`);
  } catch {
    return 0;
  }
  let lowered = 0;
  for (const threadId of threadIds) {
    const id = Number(threadId);
    if (id === pid) continue;
    try {
      // On Linux setpriority() on a thread id applies to that thread alone.
      setPriority(id, nice);
      lowered++;
    } catch {
      // The thread ended meanwhile; nothing to lower.
    }
  }
  return lowered;
}
