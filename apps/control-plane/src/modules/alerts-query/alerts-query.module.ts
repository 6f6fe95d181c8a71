import { Module } from '@nestjs/common';
import { AlertsResolver } from './alerts.resolver.js';
import { AlertsService } from './alerts.service.js';

/** Read access to fired alerts (the worker fires and delivers them). */
@Module({ providers: [AlertsService, AlertsResolver] })
export class AlertsQueryModule {}
