import { Module } from '@nestjs/common';
import { TenantsResolver } from './tenants.resolver.js';
import { TenantsService } from './tenants.service.js';

@Module({ providers: [TenantsService, TenantsResolver] })
export class TenantsModule {}
