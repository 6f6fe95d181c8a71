import { Global, Module, type DynamicModule } from '@nestjs/common';
import type { Logger } from 'pino';
import type { ControlPlaneConfig } from './config.js';
import { MetricsService } from './metrics.service.js';
import { PrismaService } from './prisma.service.js';
import { RedisService } from './redis.service.js';
import { CONTROL_PLANE_CONFIG, LOGGER } from './tokens.js';

/** Config, logger, Postgres and Redis for every feature module; no domain logic here. */
@Global()
@Module({})
export class InfraModule {
  static forRoot(config: ControlPlaneConfig, logger: Logger): DynamicModule {
    return {
      module: InfraModule,
      providers: [
        { provide: CONTROL_PLANE_CONFIG, useValue: config },
        { provide: LOGGER, useValue: logger },
        PrismaService,
        RedisService,
        MetricsService,
      ],
      exports: [CONTROL_PLANE_CONFIG, LOGGER, PrismaService, RedisService, MetricsService],
    };
  }
}
