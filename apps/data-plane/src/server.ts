import { loadConfig } from './config.js';
import { startDataPlane } from './main.js';
import { runUntilSignal } from './run-until-signal.js';

/** Process entry point: validate config, listen, shut down gracefully on SIGTERM/SIGINT. */
let config;
try {
  config = loadConfig();
} catch (error) {
  console.error((error as Error).message);
  process.exit(1);
}
await runUntilSignal(() => startDataPlane(config), 'data-plane');
