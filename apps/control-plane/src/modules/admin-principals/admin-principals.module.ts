import { Module } from '@nestjs/common';
import { AdminPrincipalsResolver } from './admin-principals.resolver.js';
import { AdminPrincipalsService } from './admin-principals.service.js';

@Module({ providers: [AdminPrincipalsService, AdminPrincipalsResolver] })
export class AdminPrincipalsModule {}
