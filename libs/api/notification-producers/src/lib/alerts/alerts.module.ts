import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { NotificationsModule } from '@derm/api/notifications';
import { AlertStatusListener } from './alert-status.listener';
import { AlertEntity } from './alert.entity';
import { AlertEscalationScheduler } from './alert-escalation.scheduler';
import { AlertEscalationService } from './alert-escalation.service';
import { AlertStatusGateway } from './alert-status.gateway';
import { AlertsController } from './alerts.controller';
import { AlertsService } from './alerts.service';

@Module({
  imports: [TypeOrmModule.forFeature([AlertEntity]), NotificationsModule],
  controllers: [AlertsController],
  providers: [AlertsService, AlertEscalationService, AlertEscalationScheduler, AlertStatusListener, AlertStatusGateway],
})
export class AlertsModule {}
