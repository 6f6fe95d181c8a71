import { pino } from 'pino';
import { loadConfig, type WorkerConfig } from './config.js';
import { startWorker } from './start-worker.js';

/** Process entry point: validate config, start, shut down gracefully on SIGTERM/SIGINT. */
let config: WorkerConfig;
try {
  config = loadConfig();
} catch (error) {
  console.error(error instanceof Error ? error.message : String(error));
  process.exit(1);
}

const logger = pino({ level: config.LOG_LEVEL, base: { app: 'worker' } });
let stopping = false;
let stopWorker: (() => Promise<void>) | undefined;
const stop = (signal: NodeJS.Signals) => {
  if (stopping) {
    // A second signal means "now": the batch in progress rolls back and is redelivered.
    process.exit(1);
  }
  stopping = true;
  logger.info({ signal }, 'finishing the jobs in progress, then exiting');
  // A signal during start-up waits for start-up to finish, then closes what it opened.
  void started.then(async () => {
    try {
      await stopWorker?.();
      process.exit(0);
    } catch (error) {
      logger.error(
        { err: error instanceof Error ? error.message : String(error) },
        'shutdown failed',
      );
      process.exit(1);
    }
  });
};
// Installed before start-up, which already begins taking jobs.
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
const started = startWorker(config, { logger }).then(
  (worker) => {
    stopWorker = () => worker.close();
  },
  (error: unknown) => {
    logger.fatal(
      { err: error instanceof Error ? error.message : String(error) },
      'worker failed to start',
    );
    process.exit(1);
  },
);
