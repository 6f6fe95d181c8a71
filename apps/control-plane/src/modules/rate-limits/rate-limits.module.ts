import { Module } from '@nestjs/common';
import { RateLimitsResolver } from './rate-limits.resolver.js';
import { RateLimitsService } from './rate-limits.service.js';

@Module({ providers: [RateLimitsService, RateLimitsResolver] })
export class RateLimitsModule {}
