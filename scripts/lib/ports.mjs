// Checks that the ports `npm run up` needs are free, so a clash gives one clear line.
import { createServer } from 'node:net';

/** Resolves if the port can be bound on 127.0.0.1, rejects with a message naming the variable. */
export function assertPortFree(port, variable) {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', (error) => {
      if (error.code === 'EADDRINUSE') {
        reject(
          new Error(
            `Port ${port} is already in use (${variable}). Stop whatever listens there ` +
              `(\`ss -ltnp 'sport = :${port}'\` shows it) or choose another port, e.g. ${variable}=${port + 100} npm run up`,
          ),
        );
      } else reject(error);
    });
    server.listen(port, '127.0.0.1', () => server.close(() => resolve()));
  });
}
