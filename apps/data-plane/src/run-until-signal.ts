/**
 * Starts a service and closes it on SIGTERM/SIGINT: in-flight work finishes, then the process
 * exits 0. A port already in use is reported in one line instead of a stack trace.
 */
export async function runUntilSignal(
  start: () => Promise<{ close(): Promise<void> }>,
  name: string,
): Promise<void> {
  let service: { close(): Promise<void> };
  try {
    service = await start();
  } catch (error) {
    const code = (error as { code?: string }).code;
    if (code === 'EADDRINUSE') {
      const port = (error as { port?: number }).port;
      console.error(
        `${name}: port ${port ?? ''} is already in use. Stop the other process or choose another port.`,
      );
    } else {
      console.error(`${name}: failed to start: ${(error as Error).message}`);
    }
    process.exit(1);
  }
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.error(`${name}: ${signal} received, shutting down`);
    service
      .close()
      .then(() => process.exit(0))
      .catch((error: unknown) => {
        console.error(`${name}: error during shutdown: ${(error as Error).message}`);
        process.exit(1);
      });
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
}
