import { Module } from '@nestjs/common';
import { RoutingPoliciesResolver } from './routing-policies.resolver.js';
import { RoutingPoliciesService } from './routing-policies.service.js';

@Module({ providers: [RoutingPoliciesService, RoutingPoliciesResolver] })
export class RoutingPoliciesModule {}
