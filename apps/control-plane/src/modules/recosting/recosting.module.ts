import { Module } from '@nestjs/common';
import { RecostingResolver } from './recosting.resolver.js';
import { RecostingService } from './recosting.service.js';

/** Re-costing history after a price correction (request logs, rollups and budget spend). */
@Module({ providers: [RecostingService, RecostingResolver] })
export class RecostingModule {}
