export * from './lib/notifications.routes';
export * from './lib/data/notifications-api.service';
export * from './lib/data/notification-events.service';
export * from './lib/data/notification-inbox.service';
export * from './lib/bell/notification-bell.component';
export * from './lib/toast/notification-toasts.component';
export * from './lib/urgent/urgent-alert-modal.component';
export * from './lib/urgent/urgent-alert-title';
