import { Module, type DynamicModule } from '@nestjs/common';
import { GraphQLModule } from '@nestjs/graphql';
import type { MercuriusDriverConfig } from '@nestjs/mercurius';
import type { Logger } from 'pino';
import { graphqlOptions } from './graphql/graphql-options.js';
import type { ControlPlaneConfig } from './infra/config.js';
import { InfraModule } from './infra/infra.module.js';
import { featureModules } from './modules/feature-modules.js';

/** The whole control plane; built per config so tests can run several in one process. */
@Module({})
export class AppModule {
  static forRoot(config: ControlPlaneConfig, logger: Logger): DynamicModule {
    return {
      module: AppModule,
      imports: [
        InfraModule.forRoot(config, logger),
        GraphQLModule.forRoot<MercuriusDriverConfig>(graphqlOptions(config, logger)),
        ...featureModules,
      ],
    };
  }
}
