import { Module } from '@nestjs/common';
import { AlertsModule } from './alerts/alerts.module';
import { AnnouncementsModule } from './announcements/announcements.module';
import { LabResultsModule } from './lab-results/lab-results.module';
import { PriorAuthsModule } from './prior-auths/prior-auths.module';
import { TasksModule } from './tasks/tasks.module';

/** Every producer of notifications, as the API composes them; each delivers through the inbox. */
@Module({
  imports: [TasksModule, PriorAuthsModule, LabResultsModule, AnnouncementsModule, AlertsModule],
})
export class NotificationProducersModule {}
