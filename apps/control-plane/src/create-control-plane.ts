import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import type { AddressInfo } from 'node:net';
import type { Logger } from 'pino';
import { AppModule } from './app.module.js';
import type { ControlPlaneConfig } from './infra/config.js';
import { createLogger, PinoNestLogger } from './infra/logger.js';
import { PrismaService } from './infra/prisma.service.js';
import { bootstrapPlatformAdmin } from './modules/auth/bootstrap-admin.js';
import { rejectMalformedGraphqlRequests } from './graphql/reject-malformed-graphql-requests.js';

export interface ControlPlane {
  app: NestFastifyApplication;
  /** Base URL it listens on, e.g. http://127.0.0.1:8081 (GraphQL at `${url}/graphql`). */
  url: string;
  /** Clear text of a platform-admin token created on this start (print it once), if any. */
  createdAdminToken: string | undefined;
  close(): Promise<void>;
}

export interface CreateControlPlaneOptions {
  logger?: Logger;
}

/** Builds, bootstraps and starts a control plane; listen on port 0 for an ephemeral port. */
export async function createControlPlane(
  config: ControlPlaneConfig,
  options: CreateControlPlaneOptions = {},
): Promise<ControlPlane> {
  const logger = options.logger ?? createLogger(config);
  const adapter = new FastifyAdapter({ loggerInstance: logger });
  // Hooks only reach routes registered after them, so this goes in before Nest adds /graphql.
  rejectMalformedGraphqlRequests(adapter.getInstance());
  const app = await NestFactory.create<NestFastifyApplication>(
    AppModule.forRoot(config, logger),
    adapter,
    { logger: new PinoNestLogger(logger), abortOnError: false },
  );
  try {
    const { createdToken } = await bootstrapPlatformAdmin(
      app.get(PrismaService).db,
      config.bootstrapAdminToken,
      logger,
    );
    await app.listen({ port: config.port, host: config.host });
    const address = app.getHttpServer().address() as AddressInfo;
    const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
    return {
      app,
      url: `http://${host}:${address.port}`,
      createdAdminToken: createdToken,
      close: () => closeGracefully(app),
    };
  } catch (error) {
    await app.close();
    throw error;
  }
}

/**
 * Stops accepting connections and lets in-flight requests finish first, then runs Nest's
 * shutdown hooks (snapshot publisher, Redis, Postgres), so no request loses its database.
 */
async function closeGracefully(app: NestFastifyApplication): Promise<void> {
  await app.getHttpAdapter().getInstance().close();
  await app.close();
}
