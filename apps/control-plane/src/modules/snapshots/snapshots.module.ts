import { Global, Module } from '@nestjs/common';
import { SnapshotService } from './snapshot.service.js';

/** Global so every feature module can request a publish after its changes commit. */
@Global()
@Module({ providers: [SnapshotService], exports: [SnapshotService] })
export class SnapshotsModule {}
