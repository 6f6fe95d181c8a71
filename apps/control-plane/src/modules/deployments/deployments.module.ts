import { Module } from '@nestjs/common';
import { DeploymentsResolver } from './deployments.resolver.js';
import { DeploymentsService } from './deployments.service.js';

@Module({ providers: [DeploymentsService, DeploymentsResolver] })
export class DeploymentsModule {}
