import { Module } from '@nestjs/common';
import { AlertsModule } from './alerts/alerts.module';
import { AnnouncementsModule } from './announcements/announcements.module';
import { NotificationsModule } from './inbox/notifications.module';
import { LabResultsModule } from './lab-results/lab-results.module';
import { PriorAuthsModule } from './prior-auths/prior-auths.module';
import { TasksModule } from './tasks/tasks.module';

/** The inbox and every producer of this library, as the API composes them. */
@Module({
  imports: [NotificationsModule, TasksModule, PriorAuthsModule, LabResultsModule, AnnouncementsModule, AlertsModule],
})
export class NotificationsFeatureModule {}
