import { Global, Module } from '@nestjs/common';
import { AuditLogResolver } from './audit-log.resolver.js';
import { AuditLogService } from './audit-log.service.js';
import { AuditedChangeService } from './audited-change.service.js';

@Global()
@Module({
  providers: [AuditedChangeService, AuditLogService, AuditLogResolver],
  exports: [AuditedChangeService],
})
export class AuditModule {}
