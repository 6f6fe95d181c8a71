import { spawn } from 'node:child_process';
import { readFileSync, readdirSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { helperThreadNiceFrom, lowerHelperThreadPriority } from './helper-thread-priority.cjs';

/** Field 19 of /proc/<pid>/task/<tid>/stat is the thread's nice value. */
function niceOf(pid: number, threadId: string): number {
  const stat = readFileSync(`/proc/${pid}/task/${threadId}/stat`, 'utf8');
  // The command name (field 2) may hold spaces; count fields after its closing parenthesis.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return Number(fields[16]);
}

describe('lowerHelperThreadPriority', () => {
  const children: ReturnType<typeof spawn>[] = [];
  afterEach(() => children.forEach((child) => child.kill('SIGKILL')));

  it("lowers a node process's helper threads and leaves its main thread", async () => {
    const child = spawn(
      process.execPath,
      ['-e', 'console.log("up"); setInterval(() => {}, 1000)'],
      {
        stdio: ['ignore', 'pipe', 'inherit'],
      },
    );
    children.push(child);
    await new Promise((resolve) => child.stdout!.once('data', resolve));
    const pid = child.pid!;
    const threads = readdirSync(`/proc/${pid}/task`);
    expect(threads.length).toBeGreaterThan(1);
    expect(threads.map((thread) => niceOf(pid, thread))).toEqual(threads.map(() => 0));

    expect(lowerHelperThreadPriority(19, pid)).toBe(threads.length - 1);

    for (const thread of threads) expect(niceOf(pid, thread)).toBe(Number(thread) === pid ? 0 : 19);
  });

  it('lowers nothing for a process that does not exist', () => {
    expect(lowerHelperThreadPriority(19, 2 ** 22 + 12_345)).toBe(0);
  });

  it('reads HELPER_THREAD_NICE leniently and leaves bad values to the configuration check', () => {
    expect(helperThreadNiceFrom(undefined)).toBe(10);
    expect(helperThreadNiceFrom('')).toBe(10);
    expect(helperThreadNiceFrom('0')).toBe(0);
    expect(helperThreadNiceFrom('19')).toBe(19);
    expect(helperThreadNiceFrom('20')).toBeUndefined();
    expect(helperThreadNiceFrom('low')).toBeUndefined();
  });
});
