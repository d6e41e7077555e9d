import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { PatientsModule } from '@derm/api/patients';
import { PatientViewAuditController } from './audit/patient-view-audit.controller';
import { PatientViewAuditEntity } from './audit/patient-view-audit.entity';
import { PatientViewAuditService } from './audit/patient-view-audit.service';
import { BatchedPresence } from './batched-presence';
import { PresenceHeartbeat } from './presence-heartbeat.service';
import { PresenceController } from './presence.controller';
import { PresenceGateway } from './presence.gateway';
import { PresenceService } from './presence.service';
import { PresenceNode } from './store/presence-node';
import { PRESENCE_STORE } from './store/presence-store';
import { PresenceSettingsCheck } from './store/presence-settings';
import { presenceStoreProvider } from './store/presence-store.provider';
import { ChartViewAuditWrites } from './viewing/chart-view-audit-writes';
import { PatientViewingGateway } from './viewing/patient-viewing.gateway';
import { PatientViewingService } from './viewing/patient-viewing.service';
import { SilentViewers } from './viewing/silent-viewers';

@Module({
  imports: [TypeOrmModule.forFeature([PatientViewAuditEntity]), PatientsModule],
  controllers: [PresenceController, PatientViewAuditController],
  providers: [
    PresenceNode,
    PresenceSettingsCheck,
    presenceStoreProvider,
    PresenceService,
    PresenceHeartbeat,
    PresenceGateway,
    BatchedPresence,
    PatientViewingService,
    ChartViewAuditWrites,
    PatientViewingGateway,
    SilentViewers,
    PatientViewAuditService,
  ],
  exports: [PresenceService, PatientViewingService, PresenceNode, PRESENCE_STORE],
})
export class PresenceModule {}
