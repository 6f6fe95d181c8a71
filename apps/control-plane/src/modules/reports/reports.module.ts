import { Module } from '@nestjs/common';
import { AuthModule } from '../auth/auth.module.js';
import { ReportsCsvController } from './reports-csv.controller.js';
import { ReportsResolver } from './reports.resolver.js';
import { ReportsService } from './reports.service.js';

/** Cost reports from the request logs: GraphQL queries plus the CSV export endpoint. */
@Module({
  imports: [AuthModule],
  controllers: [ReportsCsvController],
  providers: [ReportsService, ReportsResolver],
})
export class ReportsModule {}
