import type { Logger } from 'pino';
import { ConfigError, loadConfig } from './infra/config.js';
import { createLogger } from './infra/logger.js';
import { createControlPlane } from './create-control-plane.js';

/** Process entry: validate the environment, start, print a first admin token once if one was made. */
async function main(): Promise<void> {
  let config;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\n`);
      process.exit(1);
    }
    throw error;
  }
  const logger = createLogger(config);
  const controlPlane = await createControlPlane(config, { logger });
  stopOnSignals(controlPlane.close, logger);
  if (controlPlane.createdAdminToken) {
    // Printed on stdout once, outside the JSON log, so it is easy to copy and never re-logged.
    process.stdout.write(
      `\nFirst platform-admin token (shown once; store it now):\n\n  ${controlPlane.createdAdminToken}\n\n` +
        `Use it as: Authorization: Bearer <token>   (GraphQL at ${controlPlane.url}/graphql)\n\n`,
    );
  }
  logger.info(
    { url: controlPlane.url, graphql: `${controlPlane.url}/graphql` },
    'control plane listening',
  );
}

/**
 * Our own handler rather than Nest's enableShutdownHooks, which re-raises the signal after
 * closing: a clean stop should exit 0 so process managers do not report a crash.
 */
function stopOnSignals(close: () => Promise<void>, logger: Logger): void {
  let stopping = false;
  const stop = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down: finishing in-flight requests');
    const forceExit = setTimeout(() => {
      logger.error('shutdown took longer than 15 s; exiting anyway');
      process.exit(1);
    }, 15_000);
    forceExit.unref();
    close().then(
      () => process.exit(0),
      (error: unknown) => {
        logger.error({ err: error }, 'error while shutting down');
        process.exit(1);
      },
    );
  };
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
}

main().catch((error: unknown) => {
  process.stderr.write(
    `control plane failed to start: ${error instanceof Error ? error.stack : String(error)}\n`,
  );
  process.exit(1);
});
