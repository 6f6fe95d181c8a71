import { Module } from '@nestjs/common';
import { UpstreamUrlGuard } from '../provider-accounts/upstream-url-guard.js';
import { AlertChannelsResolver } from './alert-channels.resolver.js';
import { AlertChannelsService } from './alert-channels.service.js';

@Module({ providers: [AlertChannelsService, AlertChannelsResolver, UpstreamUrlGuard] })
export class AlertChannelsModule {}
