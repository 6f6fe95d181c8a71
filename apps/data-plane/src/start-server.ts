import { setFlagsFromString } from 'node:v8';
import { loadConfig } from './config.js';
import { startDataPlane } from './main.js';
import { runUntilSignal } from './run-until-signal.js';

/** Started by server.cjs: validate config, listen, shut down gracefully on SIGTERM/SIGINT. */
let config;
try {
  config = loadConfig();
} catch (error) {
  console.error((error as Error).message);
  process.exit(1);
}
// V8 lets the old space grow up to 4x its live size between full collections; under a steady
// request load that is mostly garbage promoted out of the young generation, so RSS balloons
// (200+ MB for ~40 MB live). A fixed, smaller factor keeps it near live size for a little GC time.
if (config.HEAP_GROWTH_PERCENT > 0)
  setFlagsFromString(`--heap-growing-percent=${config.HEAP_GROWTH_PERCENT}`);
await runUntilSignal(() => startDataPlane(config), 'data-plane');
