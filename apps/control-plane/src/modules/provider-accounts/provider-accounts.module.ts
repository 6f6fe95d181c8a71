import { Module } from '@nestjs/common';
import { ProviderAccountsResolver } from './provider-accounts.resolver.js';
import { ProviderAccountsService } from './provider-accounts.service.js';
import { UpstreamKeysService } from './upstream-keys.service.js';
import { UpstreamUrlGuard } from './upstream-url-guard.js';

@Module({
  providers: [
    ProviderAccountsService,
    UpstreamKeysService,
    UpstreamUrlGuard,
    ProviderAccountsResolver,
  ],
})
export class ProviderAccountsModule {}
