import { Module } from '@nestjs/common';
import { PresenceModule } from '@derm/api/presence';
import { EventsPerMinute } from './activity/events-per-minute.service';
import { OperationsController } from './operations.controller';
import { OperationsGateway } from './operations.gateway';
import { OperationsService } from './operations.service';
import { RecentRefusals } from './refusals/recent-refusals.service';

/** The admins' live operations page: connected staff, events per minute, refused handshakes of their clinic. */
@Module({
  imports: [PresenceModule],
  controllers: [OperationsController],
  providers: [EventsPerMinute, RecentRefusals, OperationsService, OperationsGateway],
})
export class OperationsModule {}
