import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AlertReceipts } from './alert-receipts';
import { ConnectionGreetings } from './connection-greetings';
import { NotificationEntity } from './notification.entity';
import { NotificationInbox } from './notification-inbox.service';
import { NotificationsController } from './notifications.controller';
import { NotificationsGateway } from './notifications.gateway';
import { NotificationsService } from './notifications.service';

/** The inbox. Other domains import it and call `NotificationsService.notify`. */
@Module({
  imports: [TypeOrmModule.forFeature([NotificationEntity])],
  controllers: [NotificationsController],
  providers: [NotificationsService, NotificationInbox, ConnectionGreetings, AlertReceipts, NotificationsGateway],
  exports: [NotificationsService, NotificationInbox],
})
export class NotificationsModule {}
