import type { LoggerService } from '@nestjs/common';
import { pino, type Logger } from 'pino';
import type { ControlPlaneConfig } from './config.js';

/** One pino logger (JSON lines) shared by Fastify, Nest and our services. */
export function createLogger(config: Pick<ControlPlaneConfig, 'logLevel'>): Logger {
  return pino({
    level: config.logLevel,
    base: { service: 'control-plane' },
    // Defence in depth: these names never carry anything a log reader should see.
    redact: {
      paths: ['req.headers.authorization', '*.secret', '*.token', '*.apiKey'],
      censor: '[redacted]',
    },
  });
}

/** Routes Nest's own messages (module init, route mapping) into the same JSON log. */
export class PinoNestLogger implements LoggerService {
  constructor(private readonly logger: Logger) {}

  log(message: unknown, context?: string): void {
    this.logger.info({ context }, String(message));
  }
  error(message: unknown, trace?: string, context?: string): void {
    this.logger.error({ context, trace }, String(message));
  }
  warn(message: unknown, context?: string): void {
    this.logger.warn({ context }, String(message));
  }
  debug(message: unknown, context?: string): void {
    this.logger.debug({ context }, String(message));
  }
  verbose(message: unknown, context?: string): void {
    this.logger.trace({ context }, String(message));
  }
}
