export * from './lib/inbox/notifications.module';
export * from './lib/inbox/notifications.service';
export * from './lib/inbox/notification-inbox.service';
export * from './lib/inbox/notification-request';
export * from './lib/inbox/notification.entity';
export * from './lib/inbox/events/notification-created.event';
export * from './lib/inbox/events/notifications-read.event';
export * from './lib/inbox/events/notification-acknowledged.event';
