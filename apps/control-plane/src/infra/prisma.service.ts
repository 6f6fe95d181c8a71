import { Inject, Injectable, type OnApplicationShutdown } from '@nestjs/common';
import { createPrismaClient, type Prisma } from '@switchyard/db';
import type { ControlPlaneConfig } from './config.js';
import { withTimeout } from './redis.service.js';
import { CONTROL_PLANE_CONFIG } from './tokens.js';

export type Database = ReturnType<typeof createPrismaClient>;
/** The client handed to callbacks of `db.$transaction`; audit rows are written through it. */
export type Transaction = Prisma.TransactionClient;

/** Owns the Prisma client (the only way this app reaches Postgres) and closes it on shutdown. */
@Injectable()
export class PrismaService implements OnApplicationShutdown {
  readonly db: Database;

  constructor(@Inject(CONTROL_PLANE_CONFIG) config: ControlPlaneConfig) {
    this.db = createPrismaClient(config.databaseUrl);
  }

  /** True when Postgres answers a trivial query within the timeout. */
  async isReachable(timeoutMs = 2_000): Promise<boolean> {
    return withTimeout(
      this.db.$queryRaw`SELECT 1`.then(() => true),
      timeoutMs,
      false,
    );
  }

  async onApplicationShutdown(): Promise<void> {
    await this.db.$disconnect();
  }
}
