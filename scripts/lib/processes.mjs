// Runs the apps as child processes with prefixed, readable log lines, and stops them together.
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';

const colours = { 'control-plane': 35, 'data-plane': 36, worker: 33, 'demo-provider': 32 };

/** Starts `node <entry>` with env, prefixing each output line; pino JSON is shown compactly. */
export function startApp(name, entry, env) {
  const child = spawn(process.execPath, ['--enable-source-maps', entry], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const prefix = `\x1b[${colours[name] ?? 37}m${name.padEnd(13)}\x1b[0m│ `;
  for (const stream of [child.stdout, child.stderr]) {
    createInterface({ input: stream }).on('line', (line) =>
      process.stdout.write(prefix + readable(line) + '\n'),
    );
  }
  return child;
}

function readable(line) {
  if (!line.startsWith('{')) return line;
  try {
    const {
      level,
      msg,
      time: _time,
      pid: _pid,
      hostname: _host,
      app: _app,
      ...rest
    } = JSON.parse(line);
    const levelName =
      { 10: 'trace', 20: 'debug', 30: 'info', 40: 'warn', 50: 'error', 60: 'fatal' }[level] ??
      level;
    const extra = Object.keys(rest).length > 0 ? ' ' + JSON.stringify(rest) : '';
    return `${levelName} ${msg ?? ''}${extra}`;
  } catch {
    return line;
  }
}

/** Waits until GET url answers 200, or the child exits, or the timeout passes. */
export async function waitForReady(name, url, child, timeoutMs = 60_000, init = {}) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null)
      throw new Error(
        `${name} exited with code ${child.exitCode} during start-up (see its log above)`,
      );
    try {
      const response = await fetch(url, init);
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`${name} was not ready at ${url} within ${timeoutMs / 1000} s`);
}

/** SIGTERM every child and wait for all to exit (SIGKILL after 10 s). */
export async function stopAll(children) {
  await Promise.all(
    children.map(
      (child) =>
        new Promise((resolve) => {
          if (child.exitCode !== null || child.signalCode !== null) return resolve();
          const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
          child.once('exit', () => {
            clearTimeout(timer);
            resolve();
          });
          child.kill('SIGTERM');
        }),
    ),
  );
}
